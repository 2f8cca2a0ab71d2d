package dev.sceneway.auth.token;

import dev.sceneway.auth.consent.ConsentStatus;
import dev.sceneway.auth.consent.ConsentType;
import dev.sceneway.auth.consent.ConsentView;
import dev.sceneway.auth.consent.CustomerConsents;
import dev.sceneway.auth.consent.PaymentTerms;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * The {@code consent_id} and {@code consent} claims of a customer token whose authorization request named a consent
 * (PAR parameter {@code consent_id}, kept in the stored authorization's request, so code and refresh grants both
 * find it). The claim is built from the consent as it is now, at every issuance: a token is issued only while the
 * consent is Authorised by the token's customer; otherwise the grant fails with {@code invalid_grant} (RFC 6749
 * section 5.2), which is how a refresh stops working once the customer or partner revokes the consent.
 *
 * <p>Values are {@link LinkedHashMap} and {@link ArrayList}: the stored authorization keeps the token's claims as
 * JSON, and Spring Security's Jackson allowlist accepts only such plain collection types.
 */
final class ConsentClaims {

    static final String CONSENT_ID = "consent_id";
    static final String CONSENT = "consent";

    private final CustomerConsents consents;

    ConsentClaims(CustomerConsents consents) {
        this.consents = consents;
    }

    /** The consent id the authorization was requested with; null for a grant without one. */
    static @Nullable String consentId(@Nullable OAuth2Authorization authorization) {
        if (authorization == null || !(authorization.getAttribute(OAuth2AuthorizationRequest.class.getName())
                instanceof OAuth2AuthorizationRequest request)) {
            return null;
        }
        return request.getAdditionalParameters().get(CONSENT_ID) instanceof String id ? id : null;
    }

    /** Adds the claims, or refuses the grant when the consent is not Authorised by {@code customer}. */
    void add(String consentId, Authentication customer, Map<String, Object> claims) {
        ConsentView consent = consents.find(consentId).orElseThrow(() -> refused("the consent no longer exists"));
        if (consent.status() != ConsentStatus.AUTHORISED) {
            throw refused("the consent is " + consent.status().wireName());
        }
        if (!customer.getName().equals(consent.customer())) {
            throw refused("the consent was authorised by another customer");
        }
        claims.put(CONSENT_ID, consent.id());
        claims.put(CONSENT, claim(consent));
    }

    static Map<String, Object> claim(ConsentView consent) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("type", consent.type().wireName());
        claim.put("bank", consent.bankId());
        claim.put("permissions", new ArrayList<>(consent.permissions()));
        claim.put("accounts", new ArrayList<>(consent.accounts()));
        PaymentTerms payment = consent.payment();
        if (consent.type() == ConsentType.PAYMENT && payment != null) {
            Map<String, Object> terms = new LinkedHashMap<>();
            // The contract writes amounts as strings with two decimals ("25.00"); the terms are stored at scale 2.
            terms.put("amount", payment.amount().setScale(2, RoundingMode.UNNECESSARY).toPlainString());
            terms.put("currency", payment.currency());
            terms.put("creditorAccount", payment.creditorAccount());
            terms.put("creditorName", payment.creditorName());
            terms.put("reference", payment.reference());
            claim.put("payment", terms);
        }
        return claim;
    }

    private static OAuth2AuthenticationException refused(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, description, null));
    }
}
