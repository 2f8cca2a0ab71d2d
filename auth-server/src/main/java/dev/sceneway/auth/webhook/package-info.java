/**
 * Signed webhooks to partner apps, with retries, backoff and a stored delivery log (docs/webhooks.md is the
 * partners' guide).
 *
 * <p>A consent change a partner is told about ({@code consent.authorised}, {@code .rejected}, {@code .revoked},
 * {@code .expired}, {@code .consumed}) queues a row in {@code webhook_delivery} in the change's own transaction
 * ({@link dev.sceneway.auth.webhook.WebhookOutbox}, a transactional outbox). Delivery workers on every replica claim
 * due rows with {@code FOR UPDATE SKIP LOCKED} ({@link dev.sceneway.auth.webhook.WebhookStore}) and {@code POST}
 * them ({@link dev.sceneway.auth.webhook.WebhookWorker}); every attempt is kept in {@code webhook_attempt}, which
 * the admin API serves ({@code GET /admin/clients/{clientId}/webhook-deliveries}).
 *
 * <p>A receiver verifies a delivery like this:
 * <ol>
 * <li>Read the raw request body as bytes, before any JSON parsing (the signature covers those exact bytes).</li>
 * <li>Split {@code x-sceneway-signature} ({@code <header>..<signature>}, a JWS with a detached payload, RFC 7515
 *     Appendix F) and put {@code base64url(body)} between the two dots.</li>
 * <li>Check the protected header: {@code alg} is {@code PS256}, {@code typ} is {@code sceneway-webhook+jws}, and
 *     {@code iat} (seconds) is within a few minutes of now (refuse older ones: replays).</li>
 * <li>Find the key with the header's {@code kid} in the issuer's JWK set ({@code <issuer>/oauth2/jwks}; refetch once
 *     on an unknown kid: keys rotate) and verify the signature.</li>
 * <li>Deduplicate on the body's {@code id} (equal to {@code x-sceneway-webhook-id}; the same across retries), then
 *     answer 2xx quickly. Anything else, or no answer within the timeout, is retried with backoff.</li>
 * </ol>
 */
@NullMarked
package dev.sceneway.auth.webhook;

import org.jspecify.annotations.NullMarked;
