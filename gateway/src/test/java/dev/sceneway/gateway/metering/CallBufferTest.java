package dev.sceneway.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallBufferTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void offerWhenFullThenDroppedAndCountedWithoutWaiting() {
        CallBuffer buffer = new CallBuffer(3, meters);

        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(buffer.offer(call(i)));
        }

        assertThat(accepted).containsExactly(true, true, true, false, false);
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(meters.get(CallBuffer.DROPPED_METRIC).counter().count()).isEqualTo(2);
        assertThat(meters.get(CallBuffer.BUFFERED_METRIC).gauge().value()).isEqualTo(3);
    }

    @Test
    void drainToTakesAtMostMaxInArrivalOrderAndFreesRoom() {
        CallBuffer buffer = new CallBuffer(3, meters);
        for (int i = 0; i < 3; i++) {
            buffer.offer(call(i));
        }

        List<CallRecord> drained = new ArrayList<>();
        assertThat(buffer.drainTo(drained, 2)).isEqualTo(2);

        assertThat(drained).extracting(CallRecord::latencyMicros).containsExactly(0L, 1L);
        assertThat(buffer.offer(call(9))).isTrue();
        assertThat(buffer.size()).isEqualTo(2);
    }

    @Test
    void concurrentOffersNeverExceedTheCapacityAndEveryCallIsKeptOrCounted() throws Exception {
        int capacity = 1_000;
        int threads = 4;
        int perThread = 2_000;
        CallBuffer buffer = new CallBuffer(capacity, meters);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    if (buffer.offer(call(i))) {
                        accepted.incrementAndGet();
                    }
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        List<CallRecord> drained = new ArrayList<>();
        buffer.drainTo(drained, Integer.MAX_VALUE);
        assertThat(accepted.get()).isEqualTo(capacity).isEqualTo(drained.size());
        assertThat(meters.get(CallBuffer.DROPPED_METRIC).counter().count()).isEqualTo(threads * perThread - capacity);
    }

    static CallRecord call(long latencyMicros) {
        return new CallRecord(Instant.parse("2026-11-22T10:00:00Z"), "partner", "lakeside", "credit",
                "listCreditProducts", "bank-lakeside", "GET", 200, latencyMicros,
                "0f8fad5b-d9cb-469f-a165-70867728950e");
    }
}
