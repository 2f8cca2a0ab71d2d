package dev.sceneway.auth.fapi;

import dev.sceneway.auth.consent.ConsentView;
import dev.sceneway.auth.consent.CustomerConsents;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an authorization request naming a consent ({@code consent_id}) must satisfy, at PAR and again at the
 * authorization endpoint: the consent exists, the requesting client created it, and the request's scope includes the
 * scope of the consent's type. The status is judged by the callers (PAR wants AwaitingAuthorisation; the
 * authorization endpoint also sees the customer's decision). An unknown consent and another client's consent get the
 * same answer, so a client learns nothing about consents that are not its own.
 */
final class ConsentRequestCheck {

    private final CustomerConsents consents;

    ConsentRequestCheck(CustomerConsents consents) {
        this.consents = consents;
    }

    /** The consent the request names; empty when it names none. @throws Refused with the reason otherwise */
    Optional<ConsentView> check(@Nullable Object consentId, String clientId, Set<String> scopes) {
        if (consentId == null) {
            return Optional.empty();
        }
        if (!(consentId instanceof String id) || id.isBlank()) {
            throw new Refused("consent_id must be sent once, with the id of a consent this client created");
        }
        ConsentView consent = consents.find(id).filter(found -> found.partnerId().equals(clientId))
                .orElseThrow(() -> new Refused("consent_id is not a consent of this client"));
        if (!scopes.contains(consent.type().scope())) {
            throw new Refused("scope must include '" + consent.type().scope() + "' for a " + consent.type().wireName()
                    + " consent");
        }
        return Optional.of(consent);
    }

    /** Why the request is refused, for {@code error_description}. */
    static final class Refused extends RuntimeException {

        Refused(String description) {
            super(description, null, false, false);
        }
    }
}
