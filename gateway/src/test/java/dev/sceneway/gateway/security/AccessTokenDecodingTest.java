package dev.sceneway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemException;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestUpstreams;
import dev.sceneway.testing.TestTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

class AccessTokenDecodingTest {

    @Test
    void decodeWhenAuthServerKeysAreUnreachableThenUpstreamUnavailableNotTokenInvalid() {
        TokenProperties properties = new TokenProperties(URI.create(GatewayTokens.ISSUER),
                URI.create("http://127.0.0.1:" + TestUpstreams.closedPort() + "/oauth2/jwks"), TestTokens.AUDIENCE);
        ReactiveJwtDecoder decoder = AccessTokenDecoding.accessTokenDecoder(properties, TestTokenPolicy.defaults(),
                Clock.systemUTC());

        assertThatThrownBy(() -> decoder.decode(GatewayTokens.partner("p").sign()).block(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ProblemException.class, ex -> {
                    assertThat(ex.problem()).isEqualTo(GatewayProblem.UPSTREAM_UNAVAILABLE);
                    assertThat(ex.detail()).contains("authorization server").doesNotContain("127.0.0.1");
                });
    }
}
