package dev.sceneway.auth.consent.partner;

import dev.sceneway.auth.consent.ConsentType;
import dev.sceneway.auth.problem.ProblemException;
import dev.sceneway.auth.problem.ProblemType;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The partner behind a request, from its verified access token: {@code client_id}, the space-delimited
 * {@code scope}, and {@code banks}, the banks that approved it. A token without the bank addressed is 403
 * {@code partner-not-approved}; without the consent type's scope, 403 {@code insufficient-scope}.
 */
record PartnerCaller(String partnerId, List<String> scopes) {

    static PartnerCaller current(String bankId) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)
                || jwt.getClaimAsString("client_id") == null) {
            throw new IllegalStateException("the consents API must sit behind bearer token authentication");
        }
        String partner = jwt.getClaimAsString("client_id");
        List<String> banks = jwt.hasClaim("banks") ? jwt.getClaimAsStringList("banks") : List.of();
        if (banks == null || !banks.contains(bankId)) {
            throw new ProblemException(ProblemType.PARTNER_NOT_APPROVED, "Partner '" + partner
                    + "' is not approved for bank '" + bankId + "'.", challenge("Bearer error=\"insufficient_scope\", "
                    + "error_description=\"partner not approved for this bank\""));
        }
        String scope = jwt.getClaimAsString("scope");
        return new PartnerCaller(partner, scope == null ? List.of() : List.of(scope.trim().split(" +")));
    }

    /** RFC 6750 section 3: a valid token that does not allow this request. */
    private static HttpHeaders challenge(String value) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, value);
        return headers;
    }

    PartnerCaller requireScope(ConsentType type) {
        if (!scopes.contains(type.scope())) {
            throw new ProblemException(ProblemType.INSUFFICIENT_SCOPE, "Consents of type '" + type.wireName()
                    + "' need an access token with scope '" + type.scope() + "'.",
                    challenge("Bearer error=\"insufficient_scope\", scope=\"" + type.scope() + "\""));
        }
        return this;
    }
}
