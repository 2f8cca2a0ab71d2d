package dev.sceneway.auth.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of the delivery log ends: the creation time and id of its last delivery. Keyset paging, so a page
 * stays correct while new deliveries arrive at the top. Opaque to callers (base64url).
 */
record PageCursor(Instant createdAt, UUID id) {

    String encode() {
        long micros = createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "," + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor in {@code text}, or empty when it is not one this server issued. */
    static Optional<PageCursor> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(",");
            if (parts.length != 2) {
                return Optional.empty();
            }
            long micros = Long.parseLong(parts[0]);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
            return Optional.of(new PageCursor(at, UUID.fromString(parts[1])));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
