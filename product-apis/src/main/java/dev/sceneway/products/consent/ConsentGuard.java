package dev.sceneway.products.consent;

import dev.sceneway.products.bank.BankProperties;
import dev.sceneway.products.problem.ProblemException;
import dev.sceneway.products.problem.ProblemType;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The consent checks that need nothing but the verified token: it carries a consent of the operation's type, granted
 * at this bank, with the operation's permission. The same checks as the gateway's, in the same order (the gateway is
 * not the only wall); the status, expiry and frequency are the gateway's, which reads the live consent.
 */
@Component
public class ConsentGuard {

    private final BankProperties bank;

    ConsentGuard(BankProperties bank) {
        this.bank = bank;
    }

    /** The request's consent, which must be of {@code type} and granted at this bank. */
    public CustomerConsent require(ConsentType type) {
        CustomerConsent consent = currentToken()
                .flatMap(ConsentClaims::read)
                .filter(found -> found.type() == type)
                .orElseThrow(() -> new ProblemException(ProblemType.CONSENT_REQUIRED,
                        "This operation needs an access token bound to an authorised " + type.wireName()
                                + " consent."));
        if (!consent.bank().equals(bank.id())) {
            throw new ProblemException(ProblemType.CONSENT_WRONG_BANK,
                    "The consent was granted at another bank than '" + bank.id() + "'.");
        }
        return consent;
    }

    /** The request's consent, which must be of {@code type}, granted at this bank, and grant {@code permission}. */
    public CustomerConsent require(ConsentType type, String permission) {
        CustomerConsent consent = require(type);
        if (!consent.grants(permission)) {
            throw new ProblemException(ProblemType.CONSENT_PERMISSION_MISSING,
                    "The consent does not grant the permission '" + permission + "' this operation needs.");
        }
        return consent;
    }

    private static Optional<Jwt> currentToken() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken jwt
                ? Optional.of(jwt.getToken())
                : Optional.empty();
    }
}
