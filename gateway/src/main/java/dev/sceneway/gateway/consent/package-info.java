/**
 * Consent enforcement: every customer-level call (accounts, payments, credit applications) is checked against the
 * consent its access token is bound to, as the auth-server last published it; and the consents API itself is
 * routed to the auth-server ({@code routing.BankRoutes}).
 * <p>
 * <b>Source of truth.</b> The auth-server writes a JSON snapshot of each consent to
 * {@code sceneway:consent:{id}} after every transition and then publishes the id on
 * {@code sceneway:consent-changes}. A missing key is an unknown consent: refused.
 * <p>
 * <b>Checks</b>, in this order, each refusal problem+json with a {@code reason} member and a detail saying what was
 * wrong: the token names a consent of the endpoint's kind (403 {@code consent-required}); the snapshot exists and
 * belongs to the token's partner and customer (403 {@code consent-not-authorised}, the same answer for an unknown
 * consent and another partner's, so ids cannot be probed); it was granted at the bank addressed (403
 * {@code consent-wrong-bank}); its status (403 {@code consent-not-authorised} awaiting or rejected,
 * {@code consent-revoked}, {@code consent-expired}, {@code consent-consumed}; a payment consent is usable for
 * {@code POST /payments} only while Authorised, and its payment stays readable once Consumed); its
 * {@code expiresAt} (403 {@code consent-expired}); its type and permission (403 {@code consent-required},
 * {@code consent-permission-missing}); then the daily frequency of an account-access consent (429
 * {@code consent-frequency-exceeded} with {@code Retry-After} = the seconds until the next UTC midnight).
 * Object-level access (this account is in the consent) is product-apis' check, not the gateway's.
 * <p>
 * <b>Frequency.</b> One Redis round trip per access (a Lua INCR with expiry on
 * {@code sceneway:consent-uses:{id}:{yyyy-MM-dd}}, the day in UTC by the replica's clock). <i>Every access
 * counts</i>: PSD2 exempts accesses the customer asks for in person (customer present), which the gateway cannot
 * tell apart; that exemption is not modelled.
 * <p>
 * <b>Cache and revocation.</b> Each replica keeps a bounded local cache of snapshots
 * ({@code sceneway.gateway.consents.cache-max-entries}) filled from Redis on a miss. A change notice drops the entry,
 * so a revocation takes effect on every replica as soon as the notice arrives (milliseconds;
 * {@code scaleout.ConsentRevocationIT} measures it). The cache is used only while the replica is subscribed: the
 * subscription confirmation (first, and again after every reconnect) empties it, and a lost pub/sub connection
 * empties it and turns it off until then, so a notice missed while disconnected is never outlived by a cached copy.
 * As a backstop, an entry is read again after {@code cache-max-age} (30 s) even without a notice.
 * <p>
 * <b>Failure policy.</b> CAUTION: fails closed for every method. When Redis fails or does not answer within
 * {@code store-timeout} (100 ms), a call that needs a consent is refused with 503 {@code consent-unavailable} and
 * nothing is forwarded, reads included: the limiter's local fallback for reads does not extend to consents, since an
 * unchecked consent could be a revoked one.
 * <p>
 * <b>Identity headers.</b> The bank receives {@code x-sceneway-consent} (the consent id) and
 * {@code x-sceneway-customer} (the token's {@code sub}); callers' {@code x-sceneway-*} headers are stripped at the
 * edge.
 * <p>
 * <b>Metrics.</b> {@code sceneway.gateway.consent.refused} by {@code reason}, {@code sceneway.gateway.consent.cache}
 * by {@code result} (hit, miss), {@code sceneway.gateway.consent.invalidations} by {@code cause} (notice,
 * subscribed, connection-lost).
 */
@NullMarked
package dev.sceneway.gateway.consent;

import org.jspecify.annotations.NullMarked;
