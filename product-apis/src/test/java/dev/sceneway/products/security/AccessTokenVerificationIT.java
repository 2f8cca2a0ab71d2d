package dev.sceneway.products.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JWSAlgorithm;
import dev.sceneway.products.support.LakesideInstanceTest;
import dev.sceneway.products.support.ProductTokens;
import dev.sceneway.testing.TestDpop;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** This service verifies tokens itself, exactly as strictly as the contract says (the gateway is not the only wall). */
class AccessTokenVerificationIT extends LakesideInstanceTest {

    @Test
    void catalogueWhenNoTokenThenTokenMissingWithBearerChallenge() throws Exception {
        mvc.perform(get(PRODUCTS))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/token-missing"))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.instance").value(PRODUCTS));
    }

    static Stream<Arguments> rejectedTokens() {
        return Stream.of(
                Arguments.of("signed by another key", ProductTokens.token().signedByForeignKey().sign()),
                Arguments.of("expired 45 s ago (beyond the 30 s skew)",
                        ProductTokens.token().expiredAgo(Duration.ofSeconds(45)).sign()),
                Arguments.of("not valid for another 2 minutes",
                        ProductTokens.token().notBefore(Instant.now().plus(Duration.ofMinutes(2))).sign()),
                Arguments.of("for another audience", ProductTokens.token().audience("other-api").sign()),
                Arguments.of("from another issuer", ProductTokens.token().issuer("https://evil.example").sign()),
                Arguments.of("RS256 with the right key", ProductTokens.token().algorithm(JWSAlgorithm.RS256).sign()),
                Arguments.of("typ JWT, not an access token", ProductTokens.token().type("JWT").sign()),
                Arguments.of("not a JWT at all", "not-a-jwt"));
    }

    @ParameterizedTest(name = "tokenWhen {0} ThenTokenInvalid")
    @MethodSource("rejectedTokens")
    void tokenWhenRejectedThenTokenInvalidWithInvalidTokenChallenge(String why, String token) throws Exception {
        mvc.perform(get(PRODUCTS).header(HttpHeaders.AUTHORIZATION, bearer(token)))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/token-invalid"))
                .andExpect(jsonPath("$.title").value("Access token invalid"));
    }

    @Test
    void dpopBoundTokenWhenSentWithAProofOfItsKeyThenAcceptedAndWithoutItRefused() throws Exception {
        TestDpop key = TestDpop.ec();
        String token = ProductTokens.token().scope("products").boundToDpopKey(key.thumbprint()).sign();
        String url = "http://localhost" + PRODUCTS;

        mvc.perform(get(PRODUCTS).header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
                        .header("DPoP", key.proof("GET", url).accessToken(token).sign()))
                .andExpect(status().isOk());
        mvc.perform(get(PRODUCTS).header(HttpHeaders.AUTHORIZATION, "DPoP " + token))
                .andExpect(status().isUnauthorized());
        mvc.perform(get(PRODUCTS).header(HttpHeaders.AUTHORIZATION, bearer(token)))
                .andExpect(status().isUnauthorized());
        mvc.perform(get(PRODUCTS).header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
                        .header("DPoP", TestDpop.ec().proof("GET", url).accessToken(token).sign()))
                .andExpect(status().isUnauthorized());
        mvc.perform(get(PRODUCTS).header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
                        .header("DPoP", key.proof("GET", "http://localhost/other").accessToken(token).sign()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void tokenWhenExpiredWithinTheClockSkewThenAccepted() throws Exception {
        String token = ProductTokens.token().expiredAgo(Duration.ofSeconds(10)).sign();
        mvc.perform(get(PRODUCTS).header(HttpHeaders.AUTHORIZATION, bearer(token)))
                .andExpect(status().isOk());
    }

    @Test
    void tokenWhenProductsIsOneOfSeveralSpaceDelimitedScopesThenAccepted() throws Exception {
        mvc.perform(get(PRODUCTS)
                        .header(HttpHeaders.AUTHORIZATION, bearer(ProductTokens.withScope("accounts products"))))
                .andExpect(status().isOk());
    }

    @Test
    void tokenWhenScopeLacksProductsThenInsufficientScopeNamingIt() throws Exception {
        mvc.perform(get(PRODUCTS + "/lakeside-renovation")
                        .header(HttpHeaders.AUTHORIZATION, bearer(ProductTokens.withScope("accounts payments"))))
                .andExpect(status().isForbidden())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"insufficient_scope\", scope=\"products\""))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://sceneway.dev/problems/insufficient-scope"))
                .andExpect(jsonPath("$.status").value(403));
    }
}
