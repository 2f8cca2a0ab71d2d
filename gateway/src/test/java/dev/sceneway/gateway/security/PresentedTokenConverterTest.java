package dev.sceneway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.test.StepVerifier;

class PresentedTokenConverterTest {

    /** RFC 6750 section 2.1 b64token, as a regular expression: what the loop must decide. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final PresentedTokenConverter converter = new PresentedTokenConverter();

    @Test
    void isB64TokenWhenCheckedOnRandomTextThenAgreesWithTheRfcPattern() {
        Random random = new Random(6750);
        String alphabet = "aZ09-._~+/= \t%\"é=";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(8); length > 0; length--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = text.toString();
            assertThat(PresentedTokenConverter.isB64Token(value, 0)).as("'%s'", value)
                    .isEqualTo(B64TOKEN.matcher(value).matches());
        }
    }

    @Test
    void convertWhenBearerOrDpopWithOneOrMoreSpacesThenPresentsTheTokenAndTheProof() {
        StepVerifier.create(converter.convert(exchange("Bearer   eyJ0.e30.c2ln==", null)))
                .assertNext(authentication -> assertThat(token(authentication)).satisfies(token -> {
                    assertThat(token.scheme()).isEqualTo(PresentedToken.Scheme.BEARER);
                    assertThat(token.token()).isEqualTo("eyJ0.e30.c2ln==");
                }))
                .verifyComplete();
        StepVerifier.create(converter.convert(exchange(" dpop abc~+/ ", "proof")))
                .assertNext(authentication -> assertThat(token(authentication)).satisfies(token -> {
                    assertThat(token.scheme()).isEqualTo(PresentedToken.Scheme.DPOP);
                    assertThat(token.token()).isEqualTo("abc~+/");
                    assertThat(token.proof()).isEqualTo("proof");
                }))
                .verifyComplete();
    }

    @Test
    void convertWhenTheHeaderIsMalformedOrTheSchemeUnknownThenInvalidToken() {
        for (String malformed : new String[] {"Bearer", "Bearer ", "Bearer a b", "Bearer a=b", "Bearer =", "Bearer\ta",
                "Basic dXNlcjpwYXNz", "Bearer tok\u00e9n"}) {
            StepVerifier.create(converter.convert(exchange(malformed, null)))
                    .expectErrorSatisfies(error -> assertThat(error).as(malformed)
                            .isInstanceOf(InvalidBearerTokenException.class))
                    .verify();
        }
    }

    @Test
    void convertWhenNoAuthorizationHeaderThenNoAuthenticationAttempt() {
        StepVerifier.create(converter.convert(MockServerWebExchange.from(MockServerHttpRequest.get("/v1/x"))))
                .verifyComplete();
    }

    private static MockServerWebExchange exchange(String authorization, String proof) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("https://api.example/v1/x")
                .header("Authorization", authorization);
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return MockServerWebExchange.from(request);
    }

    private static PresentedToken token(Authentication authentication) {
        return (PresentedToken) authentication;
    }
}
