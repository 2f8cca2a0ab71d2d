package dev.sceneway.auth.consent.partner;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every partner API response carries {@code x-fapi-interaction-id} (FAPI, common.yaml), errors included: the caller's
 * id when it is a UUID (the gateway always sends one), else a new one.
 */
final class InteractionIdFilter extends OncePerRequestFilter {

    static final String HEADER = "x-fapi-interaction-id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, interactionId(request.getHeader(HEADER)));
        chain.doFilter(request, response);
    }

    private static String interactionId(String sent) {
        if (sent != null) {
            try {
                return UUID.fromString(sent).toString();
            } catch (IllegalArgumentException notAUuid) {
                // A malformed id is not echoed (it could carry anything into logs and headers).
            }
        }
        return UUID.randomUUID().toString();
    }
}
