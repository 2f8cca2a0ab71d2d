package dev.sceneway.gateway.metering;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The hand-off between the request path and the metering writer: a lock-free queue with a hard bound. {@link #offer}
 * never waits: when the buffer is full (the database is down or slower than the traffic) the call is dropped and
 * counted in {@value #DROPPED_METRIC}, because slowing partners' calls down to meter them would be worse.
 */
final class CallBuffer implements CallObserver {

    static final String DROPPED_METRIC = "sceneway.gateway.metering.dropped";
    static final String BUFFERED_METRIC = "sceneway.gateway.metering.buffered";

    private final int capacity;
    private final Queue<CallRecord> queue = new ConcurrentLinkedQueue<>();
    /** Reserved slots: incremented before an offer, so the queue never holds more than capacity. */
    private final AtomicInteger size = new AtomicInteger();
    private final Counter dropped;

    CallBuffer(int capacity, MeterRegistry meters) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, but was " + capacity);
        }
        this.capacity = capacity;
        this.dropped = Counter.builder(DROPPED_METRIC)
                .description("Calls not metered because the metering buffer was full")
                .register(meters);
        Gauge.builder(BUFFERED_METRIC, size, AtomicInteger::get)
                .description("Calls waiting in memory for the metering writer")
                .register(meters);
    }

    @Override
    public void observe(CallRecord call) {
        offer(call);
    }

    /** Adds the call unless the buffer is full; never blocks. */
    boolean offer(CallRecord call) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            dropped.increment();
            return false;
        }
        queue.offer(call);
        return true;
    }

    /** Moves up to {@code max} calls into {@code into}; returns how many. Called by the single writer thread. */
    int drainTo(List<CallRecord> into, int max) {
        int drained = 0;
        while (drained < max) {
            @Nullable CallRecord call = queue.poll();
            if (call == null) {
                break;
            }
            size.decrementAndGet();
            into.add(call);
            drained++;
        }
        return drained;
    }

    int size() {
        return size.get();
    }

    double dropped() {
        return dropped.count();
    }
}
