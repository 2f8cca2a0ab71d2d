package dev.sceneway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

class BoundTokenAuthenticationManagerTest {

    private final ReactiveJwtDecoder unboundTokens = token -> Mono.just(Jwt.withTokenValue(token)
            .header("alg", "PS256").subject("partner").claim("client_id", "partner").claim("scope", "products")
            .issuedAt(Instant.now()).expiresAt(Instant.now().plus(Duration.ofMinutes(5))).build());

    private PresentedToken bearer() {
        return new PresentedToken(PresentedToken.Scheme.BEARER, "t", null, "GET", URI.create("http://gw/v1/x"));
    }

    @Test
    void authenticateWhenDpopIsRequiredAndTheTokenIsAnUnboundBearerThenInvalidToken() {
        BoundTokenAuthenticationManager manager = new BoundTokenAuthenticationManager(unboundTokens, null, true);

        assertThatThrownBy(() -> manager.authenticate(bearer()).block())
                .isInstanceOfSatisfying(DpopProofException.class, ex -> {
                    assertThat(ex.isProofError()).isFalse();
                    assertThat(ex.getError().getDescription()).contains("DPoP-bound");
                });
    }

    @Test
    void authenticateWhenDpopIsNotRequiredAndTheTokenIsAnUnboundBearerThenScopesBecomeAuthorities() {
        BoundTokenAuthenticationManager manager = new BoundTokenAuthenticationManager(unboundTokens, null, false);

        assertThat(manager.authenticate(bearer()).block())
                .isInstanceOfSatisfying(JwtAuthenticationToken.class, authentication -> assertThat(
                        authentication.getAuthorities()).extracting("authority").contains("SCOPE_products"));
    }
}
