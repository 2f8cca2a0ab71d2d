package dev.sceneway.products.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The regex-free resolver answers every request exactly as Spring Security's default resolver does. */
class HeaderBearerTokenResolverTest {

    private final HeaderBearerTokenResolver resolver = new HeaderBearerTokenResolver();
    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Test
    void decidesLikeTheDefaultResolverOnValidMalformedAndForeignHeaders() {
        List<String> headers = List.of("Bearer eyJhbGciOiJQUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln-_~+/ab==",
                "bearer abc", "BEARER abc=", "Bearer ", "Bearer  abc", "Bearer abc def", "Bearer a=b",
                "Bearer abc\u00e9", "DPoP eyJhbGciOiJQUzI1NiJ9.e30.c2ln", "Basic dXNlcjpwYXNz", "Bearer", "Bearerabc",
                "Bearer ===", "Bearer abc==\n");
        for (String header : headers) {
            assertSameDecision(request(header, null), header);
        }
    }

    @Test
    void aQueryStringGoesToTheDefaultResolverWhichRefusesATokenInTwoPlaces() {
        MockHttpServletRequest both = request("Bearer abc", "access_token=xyz");
        both.setMethod("GET");
        both.addParameter("access_token", "xyz");
        assertSameDecision(both, "header and query");
        assertSameDecision(request("Bearer abc", "limit=5"), "query without a token");
    }

    @Test
    void noHeaderIsNoToken() {
        assertThat(resolver.resolve(new MockHttpServletRequest())).isNull();
    }

    private void assertSameDecision(MockHttpServletRequest request, String what) {
        Object expected;
        try {
            expected = spring.resolve(request);
        } catch (RuntimeException refused) {
            expected = refused.getClass();
        }
        Object actual;
        try {
            actual = resolver.resolve(request);
        } catch (RuntimeException refused) {
            actual = refused.getClass();
        }
        assertThat(Objects.toString(actual)).as(what).isEqualTo(Objects.toString(expected));
    }

    private static MockHttpServletRequest request(String authorization, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/banks/lakeside/payments");
        request.addHeader("Authorization", authorization);
        request.setQueryString(query);
        return request;
    }

    @Test
    void theRefusalOfAMalformedTokenIsTheDefaultResolversOwn() {
        Throwable refused = catchThrowable(() -> resolver.resolve(request("Bearer abc def", null)));
        assertThat(refused).isNotNull();
    }
}
