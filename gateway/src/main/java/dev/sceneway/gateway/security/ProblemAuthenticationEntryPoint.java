package dev.sceneway.gateway.security;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 as problem+json with the RFC 6750 §3 challenge. A request that presented a bearer token which failed
 * (any {@link OAuth2AuthenticationException}: malformed, bad signature, expired, wrong issuer or audience) is
 * {@code token-invalid}; a request without one is {@code token-missing}, and its challenge carries no error
 * code (RFC 6750 §3.1). DPoP failures (RFC 9449 §7.1) answer with a {@code DPoP} challenge: {@code dpop-proof-invalid}
 * for the proof, {@code token-invalid} for a token presented against its binding.
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final ProblemResponses problems;

    ProblemAuthenticationEntryPoint(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        if (ex instanceof DpopProofException dpop) {
            // Two challenges (RFC 9110 section 11.6.1): the bearer one first, as the published contract's header
            // pattern requires until its next major version, then the DPoP one that names the actual error.
            String challenge = "Bearer error=\"invalid_token\", DPoP error=\"" + dpop.getError().getErrorCode()
                    + "\", algs=\"" + DpopProofVerifier.ALGORITHMS_AS_TEXT + "\"";
            return problems.write(exchange,
                    dpop.isProofError() ? GatewayProblem.DPOP_PROOF_INVALID : GatewayProblem.TOKEN_INVALID,
                    dpop.getError().getDescription(), headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge));
        }
        if (ex instanceof OAuth2AuthenticationException) {
            return problems.write(exchange, GatewayProblem.TOKEN_INVALID,
                    "The access token is not valid: it is malformed, expired, not signed by the Sceneway "
                            + "auth server, or issued for another API. Request a new token.",
                    headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""));
        }
        return problems.write(exchange, GatewayProblem.TOKEN_MISSING,
                "This API needs an OAuth 2.0 access token: send it as 'Authorization: Bearer <token>'.",
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
    }
}
