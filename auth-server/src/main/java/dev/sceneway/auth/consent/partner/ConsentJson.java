package dev.sceneway.auth.consent.partner;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sceneway.auth.consent.ConsentView;
import dev.sceneway.auth.consent.StoredConsent;
import dev.sceneway.auth.consent.generated.model.Consent;
import dev.sceneway.auth.consent.generated.model.ConsentStatus;
import dev.sceneway.auth.consent.generated.model.ConsentType;
import dev.sceneway.auth.consent.generated.model.PaymentTerms;
import java.time.Instant;
import java.util.UUID;
import org.springframework.boot.jackson.JacksonMixin;

/**
 * A consent as the partner API shows it. The contract has no nullable members: an optional one that does not apply
 * is absent (the mix-in below), and {@code accounts} appears only once the customer picked some.
 */
final class ConsentJson {

    private ConsentJson() {
    }

    static Consent toApi(StoredConsent stored) {
        ConsentView view = stored.view();
        Consent consent = new Consent(UUID.fromString(view.id()), ConsentType.fromValue(view.type().wireName()),
                ConsentStatus.fromValue(view.status().wireName()), utc(stored.statusUpdatedAt()), utc(view.createdAt()),
                view.bankId(), view.permissions().stream().map(Consent.PermissionsEnum::fromValue).toList())
                .expiresAt(view.expiresAt() == null ? null : utc(view.expiresAt()))
                .frequencyPerDay(view.frequencyPerDay());
        consent.setAccounts(view.accounts().isEmpty() ? null : view.accounts());
        if (view.payment() != null) {
            dev.sceneway.auth.consent.PaymentTerms terms = view.payment();
            consent.payment(new PaymentTerms(terms.amount().toPlainString(), terms.currency(),
                    terms.creditorAccount(), terms.creditorName(), terms.reference()));
        }
        return consent;
    }

    /** RFC 3339 in UTC ({@code Z}), as common.yaml's DateTime asks of responses. */
    private static String utc(Instant instant) {
        return instant.toString();
    }

    /** Leaves absent members out instead of writing {@code null}, for the generated models of this API only. */
    @JacksonMixin({Consent.class, PaymentTerms.class})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract static class NonNullMembers {
    }
}
