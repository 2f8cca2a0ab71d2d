package dev.sceneway.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeteringWriterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CallBuffer buffer = new CallBuffer(100, meters);
    private final RecordingStore store = new RecordingStore();
    private final MeteringWriter writer = new MeteringWriter(buffer, store,
            new MeteringProperties(true, 100, 3, Duration.ofHours(1), 366), meters);

    @Test
    void flushWhenBufferHoldsMoreThanABatchThenStoresEverythingInBatchesOfAtMostBatchSize() {
        offer(7);

        writer.flush();

        assertThat(store.batches).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(buffer.size()).isZero();
        assertThat(meters.get(MeteringWriter.WRITTEN_METRIC).counter().count()).isEqualTo(7);
    }

    @Test
    void flushWhenTheDatabaseRefusesABatchThenTheSameBatchIsStoredFirstNextTime() {
        offer(4);
        store.failuresLeft = 1;

        assertThatThrownBy(writer::flush).hasMessageContaining("database down");
        offer(1);
        writer.flush();

        assertThat(store.batches).extracting(List::size).containsExactly(3, 2);
        assertThat(store.batches.getFirst()).extracting(CallRecord::latencyMicros).containsExactly(0L, 1L, 2L);
    }

    @Test
    void stopWhenStartedThenStoresWhatIsStillBufferedAndCountsWhatTheDatabaseRefused() {
        writer.start();
        offer(5);

        writer.stop();

        assertThat(writer.isRunning()).isFalse();
        assertThat(store.batches.stream().mapToInt(List::size).sum()).isEqualTo(5);

        MeteringWriter failing = new MeteringWriter(buffer, calls -> {
            throw new IllegalStateException("database down");
        }, new MeteringProperties(true, 100, 3, Duration.ofHours(1), 366), meters);
        failing.start();
        offer(4);
        failing.stop();
        assertThat(meters.get(MeteringWriter.LOST_METRIC).counter().count()).isEqualTo(4);
    }

    @Test
    void phaseIsBelowTheWebServersSoTheWriterStopsAfterIt() {
        // org.springframework.boot.web.server.reactive.context.WebServerStartStopLifecycle: MAX_VALUE - 2048.
        assertThat(writer.getPhase()).isLessThan(Integer.MAX_VALUE - 2048);
    }

    private void offer(int n) {
        int first = buffer.size();
        for (int i = 0; i < n; i++) {
            assertThat(buffer.offer(CallBufferTest.call(first + i))).isTrue();
        }
    }

    private static final class RecordingStore implements CallBatchStore {

        final List<List<CallRecord>> batches = new ArrayList<>();
        int failuresLeft;

        @Override
        public void store(List<CallRecord> calls) {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("database down");
            }
            batches.add(List.copyOf(calls));
        }
    }
}
