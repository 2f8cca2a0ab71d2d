/**
 * Consents: what a customer granted a partner at a bank, for how long, and every change to it. The partner API
 * (create, read, revoke), the lifecycle and its audit trail, the expiry job, and the snapshots in Redis that the
 * gateways enforce. The customer journey (login, consent screen, dashboard) uses {@link CustomerConsents}.
 */
@NullMarked
package dev.sceneway.auth.consent;

import org.jspecify.annotations.NullMarked;
