package dev.sceneway.auth;

import dev.sceneway.auth.consent.ConsentStateException;
import dev.sceneway.auth.consent.ConsentStatus;
import dev.sceneway.auth.consent.ConsentType;
import dev.sceneway.auth.consent.ConsentView;
import dev.sceneway.auth.consent.CustomerConsents;
import dev.sceneway.auth.consent.PaymentTerms;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * TEST ONLY: a stand-in for the consent service (wip/core) so that the journey's tests run before it lands; the
 * coordinator replaces it with the real implementation at merge (remove {@link InMemoryConsentsConfiguration} and
 * re-point {@link TestConsents}). It follows the port's documented transitions and nothing more: no audit, no Redis.
 */
public final class InMemoryCustomerConsents implements CustomerConsents {

    private final ConcurrentMap<String, ConsentView> consents = new ConcurrentHashMap<>();

    /** A new AwaitingAuthorisation consent, as the partner API would create it. */
    public ConsentView create(ConsentType type, String bankId, String partnerId, String partnerName,
            List<String> permissions, @Nullable Instant expiresAt, @Nullable Integer frequencyPerDay,
            @Nullable PaymentTerms payment) {
        ConsentView consent = new ConsentView(UUID.randomUUID().toString(), type,
                ConsentStatus.AWAITING_AUTHORISATION, bankId, partnerId, partnerName, null, List.copyOf(permissions),
                List.of(), Instant.now(), expiresAt, frequencyPerDay, payment);
        consents.put(consent.id(), consent);
        return consent;
    }

    /** The partner's revocation (DELETE), for tests of what a revoked consent does to tokens. */
    public void revokeByPartner(String consentId) {
        consents.computeIfPresent(consentId, (id, c) -> with(c, ConsentStatus.REVOKED, c.customer(), c.accounts()));
    }

    @Override
    public Optional<ConsentView> find(String consentId) {
        return Optional.ofNullable(consents.get(consentId));
    }

    @Override
    public synchronized ConsentView authorise(String consentId, String customer, List<String> accounts) {
        ConsentView consent = awaiting(consentId);
        boolean fits = switch (consent.type()) {
            case ACCOUNT_ACCESS -> !accounts.isEmpty();
            case PAYMENT -> accounts.size() == 1;
            case CREDIT -> accounts.isEmpty();
        };
        if (!fits) {
            throw new IllegalArgumentException("accounts " + accounts + " do not fit a " + consent.type() + " consent");
        }
        ConsentView authorised = with(consent, ConsentStatus.AUTHORISED, customer, List.copyOf(accounts));
        consents.put(consentId, authorised);
        return authorised;
    }

    @Override
    public synchronized ConsentView reject(String consentId, String customer) {
        ConsentView rejected = with(awaiting(consentId), ConsentStatus.REJECTED, customer, List.of());
        consents.put(consentId, rejected);
        return rejected;
    }

    @Override
    public List<ConsentView> ofCustomer(String customer) {
        return consents.values().stream().filter(c -> customer.equals(c.customer()))
                .sorted(Comparator.comparing(ConsentView::createdAt).reversed()).toList();
    }

    @Override
    public synchronized ConsentView revokeByCustomer(String consentId, String customer) {
        ConsentView consent = find(consentId).filter(c -> customer.equals(c.customer()))
                .orElseThrow(() -> new NoSuchElementException("no consent " + consentId + " of " + customer));
        if (consent.status() == ConsentStatus.REVOKED) {
            return consent;
        }
        if (consent.status() != ConsentStatus.AUTHORISED) {
            throw new ConsentStateException("consent " + consentId + " is " + consent.status().wireName());
        }
        ConsentView revoked = with(consent, ConsentStatus.REVOKED, customer, consent.accounts());
        consents.put(consentId, revoked);
        return revoked;
    }

    private ConsentView awaiting(String consentId) {
        ConsentView consent = find(consentId).orElseThrow(() -> new ConsentStateException("no consent " + consentId));
        if (consent.status() != ConsentStatus.AWAITING_AUTHORISATION) {
            throw new ConsentStateException("consent " + consentId + " is " + consent.status().wireName());
        }
        return consent;
    }

    private static ConsentView with(ConsentView c, ConsentStatus status, @Nullable String customer,
            List<String> accounts) {
        return new ConsentView(c.id(), c.type(), status, c.bankId(), c.partnerId(), c.partnerName(),
                Objects.requireNonNullElse(customer, c.customer()), c.permissions(), accounts, c.createdAt(),
                c.expiresAt(), c.frequencyPerDay(), c.payment());
    }
}
