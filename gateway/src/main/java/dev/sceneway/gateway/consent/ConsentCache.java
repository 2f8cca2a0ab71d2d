package dev.sceneway.gateway.consent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * This replica's copies of consent snapshots, trusted only while the change notices can reach it.
 * <ul>
 * <li>Used only while {@link #live}: from the (re)subscription to the change channel until the connection is lost.
 * Outside that window nothing is served from or put into it, so every call reads Redis.</li>
 * <li>A notice drops one entry; a (re)subscription or a lost connection drops all (a notice may have been missed in
 * between).</li>
 * <li>A read that raced a drop must not put back what it read before the change: every drop advances the
 * {@link #epoch()}, a reader remembers the epoch from before its read, and an entry put under an older epoch is
 * taken out again (checked after the put, so a drop between check and put cannot be lost).</li>
 * <li>Bounded in size, and every entry is read again after {@code maxAge}: the backstop for a connection that died
 * without the client noticing.</li>
 * </ul>
 */
final class ConsentCache {

    private final Cache<String, ConsentSnapshot> entries;
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean live;

    ConsentCache(int maxEntries, Duration maxAge) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be > 0, but was " + maxEntries);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be > 0, but was " + maxAge);
        }
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(maxAge).build();
    }

    /** The cached snapshot, or null (not cached, or the cache is not live). */
    @Nullable ConsentSnapshot get(String consentId) {
        return live ? entries.getIfPresent(consentId) : null;
    }

    /** To be read before reading Redis, and handed to {@link #put}. */
    long epoch() {
        return epoch.get();
    }

    /** Keeps what a read found, unless something was dropped since {@code readEpoch} or the cache is not live. */
    void put(String consentId, ConsentSnapshot snapshot, long readEpoch) {
        if (!live || epoch.get() != readEpoch) {
            return;
        }
        entries.put(consentId, snapshot);
        if (!live || epoch.get() != readEpoch) {
            entries.invalidate(consentId);
        }
    }

    /** A change notice: the next call reads this consent from Redis. */
    void drop(String consentId) {
        epoch.incrementAndGet();
        entries.invalidate(consentId);
    }

    /** Notices flow (again): start from empty, since any notice before this moment may have been missed. */
    void subscribed() {
        epoch.incrementAndGet();
        entries.invalidateAll();
        live = true;
    }

    /** Notices cannot reach this replica: forget everything and read Redis until {@link #subscribed()}. */
    void connectionLost() {
        live = false;
        epoch.incrementAndGet();
        entries.invalidateAll();
    }

    boolean live() {
        return live;
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
