package dev.sceneway.gateway.consent;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * What consent enforcement did: refusals by reason, cache hits and misses, and cache invalidations by cause
 * ({@code notice}: one consent changed; {@code subscribed}: the change channel was (re)joined and the cache emptied;
 * {@code connection-lost}: the channel's connection dropped and the cache was emptied). Every tag value is a
 * constant of this package, so the series are bounded.
 */
@Component
class ConsentMetrics {

    static final String REFUSED = "sceneway.gateway.consent.refused";
    static final String CACHE = "sceneway.gateway.consent.cache";
    static final String INVALIDATIONS = "sceneway.gateway.consent.invalidations";

    private final MeterRegistry meters;

    ConsentMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void refused(String reason) {
        meters.counter(REFUSED, "reason", reason).increment();
    }

    void hit() {
        meters.counter(CACHE, "result", "hit").increment();
    }

    void miss() {
        meters.counter(CACHE, "result", "miss").increment();
    }

    void invalidated(String cause) {
        meters.counter(INVALIDATIONS, "cause", cause).increment();
    }
}
