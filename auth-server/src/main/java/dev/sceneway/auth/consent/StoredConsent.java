package dev.sceneway.auth.consent;

import java.time.Instant;

/**
 * A consent as stored: the view readers get, plus when its status last changed (the partner API's
 * {@code statusUpdatedAt}, the snapshot's {@code updatedAt}) and how many transitions it went through (1 when
 * created), which orders its snapshots.
 */
public record StoredConsent(ConsentView view, Instant statusUpdatedAt, long version) {

    public String id() {
        return view.id();
    }

    public ConsentStatus status() {
        return view.status();
    }
}
