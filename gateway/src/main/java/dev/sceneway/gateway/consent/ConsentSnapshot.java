package dev.sceneway.gateway.consent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A consent as the auth-server publishes it for the gateways: the JSON string at {@code sceneway:consent:{id}},
 * written after every transition's commit and before the change notice. Members the gateway does not use (and
 * members a later auth-server adds) are ignored.
 *
 * @param id the consent id (a UUID string)
 * @param type {@code account-access}, {@code payment} or {@code credit}
 * @param status AwaitingAuthorisation, Authorised, Rejected, Revoked, Expired or Consumed
 * @param bank the bank it was granted at
 * @param partner the OAuth client id of the partner that created it
 * @param customer the customer who decided on it; null while awaiting
 * @param permissions what it grants (account-access and credit)
 * @param expiresAt when it ends; null: no expiry (payment consents end when used)
 * @param frequencyPerDay account-access: accesses per UTC day; null: no daily limit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ConsentSnapshot(String id, String type, String status, String bank, String partner,
        @Nullable String customer, @Nullable List<String> permissions, @Nullable Instant expiresAt,
        @Nullable Integer frequencyPerDay) {

    static final String AWAITING = "AwaitingAuthorisation";
    static final String AUTHORISED = "Authorised";
    static final String REJECTED = "Rejected";
    static final String REVOKED = "Revoked";
    static final String EXPIRED = "Expired";
    static final String CONSUMED = "Consumed";

    ConsentSnapshot {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    boolean grants(String permission) {
        return permissions != null && permissions.contains(permission);
    }
}
