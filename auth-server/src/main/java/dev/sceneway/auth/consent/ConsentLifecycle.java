package dev.sceneway.auth.consent;

import static dev.sceneway.auth.consent.ConsentStatus.AUTHORISED;
import static dev.sceneway.auth.consent.ConsentStatus.AWAITING_AUTHORISATION;
import static dev.sceneway.auth.consent.ConsentStatus.CONSUMED;
import static dev.sceneway.auth.consent.ConsentStatus.EXPIRED;
import static dev.sceneway.auth.consent.ConsentStatus.REJECTED;
import static dev.sceneway.auth.consent.ConsentStatus.REVOKED;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change to a consent, each one a recorded transition: in one database transaction, under the consent's row
 * lock, the status is written, an audit row ({@code consent_event}: who, when, why, from, to) is appended and
 * {@link ConsentStatusChanged} is published (its listeners write the Redis snapshot after the commit, webhooks in the
 * transaction). The lock makes transitions of one consent strictly sequential, so two of them can never both start
 * from the same status.
 */
@Service
@Transactional
public class ConsentLifecycle implements CustomerConsents {

    private static final Logger log = LoggerFactory.getLogger(ConsentLifecycle.class);
    static final String SYSTEM = "system";

    private final ConsentRepository consents;
    private final ConsentRules rules;
    private final ConsentProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConsentLifecycle(ConsentRepository consents, ConsentProperties properties, ApplicationEventPublisher events,
            Clock clock) {
        this.consents = consents;
        this.rules = new ConsentRules(properties);
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    // ---- partner side ------------------------------------------------------------------------------------------

    /**
     * A new consent, AwaitingAuthorisation, asked for by {@code partnerId} at {@code bankId}.
     *
     * @throws InvalidConsentException if the request breaks a rule (see {@link ConsentRules})
     */
    public StoredConsent create(String partnerId, String bankId, NewConsent request) {
        Instant now = now();
        NewConsent checked = rules.check(request, bankId, now);
        ConsentView view = new ConsentView(UUID.randomUUID().toString(), checked.type(), AWAITING_AUTHORISATION,
                bankId, partnerId, partnerId, null, checked.permissions(), List.of(), now, checked.expiresAt(),
                checked.frequencyPerDay(), checked.payment());
        consents.insert(new StoredConsent(view, now, 1));
        StoredConsent created = consents.find(view.id()).orElseThrow();
        record(created, null, "partner:" + partnerId, "created-by-partner");
        return created;
    }

    /** The consent if {@code partnerId} created it at {@code bankId}; empty otherwise, exactly as for an unknown id. */
    @Transactional(readOnly = true)
    public Optional<StoredConsent> findForPartner(String partnerId, String bankId, String consentId) {
        return consents.find(consentId).filter(consent -> ownedBy(consent, partnerId, bankId));
    }

    /**
     * AwaitingAuthorisation or Authorised → Revoked by the partner that created it. An already revoked consent is
     * returned unchanged (DELETE is idempotent).
     *
     * @throws NoSuchElementException if the consent is not this partner's at this bank
     * @throws ConsentStateException if it is Rejected, Expired or Consumed
     */
    public StoredConsent revokeByPartner(String partnerId, String bankId, String consentId) {
        StoredConsent consent = consents.lock(consentId).filter(found -> ownedBy(found, partnerId, bankId))
                .orElseThrow(() -> new NoSuchElementException("no consent " + consentId));
        if (consent.status() == REVOKED) {
            return consent;
        }
        requireStatus(consent, "revoked", AWAITING_AUTHORISATION, AUTHORISED);
        return transition(consent, REVOKED, consent.view().customer(), consent.view().accounts(),
                "partner:" + partnerId, "revoked-by-partner");
    }

    // ---- customer side (CustomerConsents) ----------------------------------------------------------------------

    @Override
    @Transactional(readOnly = true)
    public Optional<ConsentView> find(String consentId) {
        return consents.find(consentId).map(StoredConsent::view);
    }

    /**
     * {@inheritDoc} A consent found past its expiry or authorisation window is moved to Expired right here (committed
     * although the call fails), not only by the next expiry job: the consent screen then sends the customer back to
     * the authorization endpoint, which must see Expired to tell the partner instead of showing the screen again.
     */
    @Override
    @Transactional(noRollbackFor = ConsentStateException.class)
    public ConsentView authorise(String consentId, String customer, List<String> accounts) {
        StoredConsent consent = locked(consentId);
        requireStatus(consent, "authorised", AWAITING_AUTHORISATION);
        if (isDue(consent, now())) {
            expire(consent);
            throw new ConsentStateException("consent " + consentId + " has expired; it can no longer be authorised");
        }
        List<String> picked = ConsentRules.accounts(consent.view().type(), accounts);
        return transition(consent, AUTHORISED, requireCustomer(customer), picked, "customer:" + customer,
                "authorised-by-customer").view();
    }

    @Override
    public ConsentView reject(String consentId, String customer) {
        StoredConsent consent = locked(consentId);
        requireStatus(consent, "rejected", AWAITING_AUTHORISATION);
        return transition(consent, REJECTED, requireCustomer(customer), List.of(), "customer:" + customer,
                "rejected-by-customer").view();
    }

    @Override
    @Transactional(readOnly = true)
    public List<ConsentView> ofCustomer(String customer) {
        return consents.ofCustomer(customer);
    }

    @Override
    public ConsentView revokeByCustomer(String consentId, String customer) {
        StoredConsent consent = consents.lock(consentId)
                .filter(found -> customer.equals(found.view().customer()))
                .orElseThrow(() -> new NoSuchElementException("no consent " + consentId + " of this customer"));
        if (consent.status() == REVOKED) {
            return consent.view();
        }
        requireStatus(consent, "revoked", AUTHORISED);
        return transition(consent, REVOKED, customer, consent.view().accounts(), "customer:" + customer,
                "revoked-by-customer").view();
    }

    // ---- system ------------------------------------------------------------------------------------------------

    /**
     * Authorised → Consumed after product-apis reported the payment made under this payment consent. Idempotent: a
     * consent already Consumed is left as it is. Returns the consent as it is afterwards, empty when there is no
     * such payment consent at {@code bankId}.
     *
     * @throws ConsentStateException if the consent is in another status (e.g. revoked while the payment was made)
     */
    public Optional<ConsentView> consume(String consentId, String bankId, String paymentId) {
        Optional<StoredConsent> found = consents.lock(consentId)
                .filter(consent -> consent.view().type() == ConsentType.PAYMENT
                        && consent.view().bankId().equals(bankId));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredConsent consent = found.get();
        if (consent.status() == CONSUMED) {
            return Optional.of(consent.view());
        }
        requireStatus(consent, "consumed", AUTHORISED);
        return Optional.of(transition(consent, CONSUMED, consent.view().customer(), consent.view().accounts(), SYSTEM,
                "payment-made:" + paymentId).view());
    }

    /** Moves one consent to Expired if it is (still) due; false if another replica or a customer got there first. */
    public boolean expireIfDue(String consentId) {
        Optional<StoredConsent> found = consents.lock(consentId);
        if (found.isEmpty() || found.get().status().isFinal() || !isDue(found.get(), now())) {
            return false;
        }
        expire(found.get());
        return true;
    }

    /** Ids of consents the expiry job should look at now. */
    @Transactional(readOnly = true)
    public List<String> dueForExpiry(int limit) {
        Instant now = now();
        return consents.dueForExpiry(now, now.minus(properties.authorisationWindow()), limit);
    }

    /** A due consent (see {@link #isDue}) → Expired, saying whether its expiry or its authorisation window ended. */
    private void expire(StoredConsent consent) {
        boolean pastExpiry = consent.view().expiresAt() != null && !consent.view().expiresAt().isAfter(now());
        transition(consent, EXPIRED, consent.view().customer(), consent.view().accounts(), SYSTEM,
                pastExpiry ? "expired" : "not-authorised-in-time");
    }

    // ---- the transition itself ---------------------------------------------------------------------------------

    private StoredConsent transition(StoredConsent consent, ConsentStatus to, @Nullable String customer,
            List<String> accounts, String actor, String reason) {
        ConsentView before = consent.view();
        ConsentView after = new ConsentView(before.id(), before.type(), to, before.bankId(), before.partnerId(),
                before.partnerName(), customer, before.permissions(), accounts, before.createdAt(), before.expiresAt(),
                before.frequencyPerDay(), before.payment());
        StoredConsent changed = new StoredConsent(after, now(), consent.version() + 1);
        consents.update(changed);
        record(changed, before.status(), actor, reason);
        log.info("Consent {} {} -> {} by {} ({})", before.id(), before.status().wireName(), to.wireName(), actor,
                reason);
        return changed;
    }

    private void record(StoredConsent consent, @Nullable ConsentStatus from, String actor, String reason) {
        consents.insertEvent(consent.id(), from, consent.status(), actor, reason, consent.statusUpdatedAt());
        events.publishEvent(new ConsentStatusChanged(consent.view(), from, actor, reason, consent.statusUpdatedAt()));
    }

    private boolean isDue(StoredConsent consent, Instant now) {
        ConsentView view = consent.view();
        if (view.expiresAt() != null && !view.expiresAt().isAfter(now)) {
            return true;
        }
        return view.status() == AWAITING_AUTHORISATION
                && !view.createdAt().plus(properties.authorisationWindow()).isAfter(now);
    }

    private StoredConsent locked(String consentId) {
        return consents.lock(consentId).orElseThrow(() -> new NoSuchElementException("no consent " + consentId));
    }

    private static void requireStatus(StoredConsent consent, String change, ConsentStatus... allowed) {
        if (!List.of(allowed).contains(consent.status())) {
            throw new ConsentStateException("consent " + consent.id() + " is " + consent.status().wireName()
                    + "; it cannot be " + change);
        }
    }

    private static String requireCustomer(String customer) {
        if (customer == null || customer.isBlank()) {
            throw new IllegalArgumentException("customer must not be blank");
        }
        return customer;
    }

    private static boolean ownedBy(StoredConsent consent, String partnerId, String bankId) {
        return consent.view().partnerId().equals(partnerId) && consent.view().bankId().equals(bankId);
    }

    /** Microseconds: what PostgreSQL keeps, so an instant read back compares equal to the one written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
