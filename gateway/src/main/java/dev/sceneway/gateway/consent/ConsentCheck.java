package dev.sceneway.gateway.consent;

import dev.sceneway.gateway.consent.ConsentEndpoints.Requirement;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The checks of one call against the snapshot of the token's consent, in the order the contract lists them:
 * owner (partner, customer), bank, status, expiry, type, permission. The daily frequency comes last and needs Redis
 * ({@link ConsentEnforcementFilter}). A pure function, so every reason is provable without a gateway.
 */
final class ConsentCheck {

    private ConsentCheck() {
    }

    /**
     * @param snapshot the consent as the auth-server last published it
     * @param partner the token's {@code client_id}
     * @param customer the token's {@code sub}, or null
     * @param bank the bank the route addresses
     */
    static Optional<ConsentRefusal> check(ConsentSnapshot snapshot, Requirement requirement, String partner,
            @Nullable String customer, String bank, Instant now) {
        if (!snapshot.partner().equals(partner)
                || snapshot.customer() != null && !Objects.equals(snapshot.customer(), customer)) {
            return Optional.of(ConsentRefusal.unknown());
        }
        if (!snapshot.bank().equals(bank)) {
            return Optional.of(ConsentRefusal.wrongBank(snapshot.bank(), bank));
        }
        if (!requirement.statuses().contains(snapshot.status())) {
            return Optional.of(byStatus(snapshot.status()));
        }
        if (snapshot.expiresAt() != null && !now.isBefore(snapshot.expiresAt())) {
            return Optional.of(ConsentRefusal.expiredAt(snapshot.expiresAt()));
        }
        if (!snapshot.type().equals(requirement.type())) {
            return Optional.of(ConsentRefusal.wrongType(requirement.type(), snapshot.type()));
        }
        if (requirement.permission() != null && !snapshot.grants(requirement.permission())) {
            return Optional.of(ConsentRefusal.permissionMissing(requirement.permission()));
        }
        return Optional.empty();
    }

    /** A status the endpoint does not accept; an unknown status (a newer auth-server) is refused, never let through. */
    private static ConsentRefusal byStatus(String status) {
        return switch (status) {
            case ConsentSnapshot.AWAITING -> ConsentRefusal.awaiting();
            case ConsentSnapshot.REJECTED -> ConsentRefusal.rejected();
            case ConsentSnapshot.REVOKED -> ConsentRefusal.revoked();
            case ConsentSnapshot.EXPIRED -> ConsentRefusal.expiredStatus();
            case ConsentSnapshot.CONSUMED -> ConsentRefusal.consumed();
            default -> ConsentRefusal.unknown();
        };
    }
}
