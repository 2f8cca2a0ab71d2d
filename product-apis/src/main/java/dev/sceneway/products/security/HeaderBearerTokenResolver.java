package dev.sceneway.products.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's {@link DefaultBearerTokenResolver}, with its common case checked without a regular expression:
 * a request without a query string whose {@code Authorization} header is {@code Bearer <token>} in the RFC 6750
 * syntax ({@code b64token}: letters, digits, {@code -._~+/}, then any {@code =}). Anything else (a query string that
 * might carry {@code access_token}, another scheme, a malformed token) goes to the default resolver, which decides as
 * it always does. A token with its consent claims is a few kilobytes, and the default pattern's case-insensitive
 * match was a measurable part of every call.
 */
final class HeaderBearerTokenResolver implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";

    private final DefaultBearerTokenResolver fallback = new DefaultBearerTokenResolver();

    @Override
    public @Nullable String resolve(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (request.getQueryString() == null && authorization != null
                && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && isB64Token(authorization, SCHEME.length())) {
            return authorization.substring(SCHEME.length());
        }
        return fallback.resolve(request);
    }

    /** RFC 6750 section 2.1: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}, from {@code start}. */
    static boolean isB64Token(String text, int start) {
        int i = start;
        while (i < text.length() && isTokenChar(text.charAt(i))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < text.length() && text.charAt(i) == '=') {
            i++;
        }
        return i == text.length();
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
