package dev.sceneway.gateway.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class DeadlinesTest {

    private final Deadlines deadlines = new Deadlines();

    @AfterEach
    void stop() {
        deadlines.destroy();
    }

    @Test
    void failsACallThatDoesNotAnswerInTimeCancelsItAndGoesOnOffTheWheelThread() {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<String> failedOn = new AtomicReference<>();
        long started = System.nanoTime();

        StepVerifier.create(deadlines.within(Mono.never().doOnCancel(() -> cancelled.set(true)),
                        Duration.ofMillis(50), "Redis (rate limit)")
                        .doOnError(ex -> failedOn.set(Thread.currentThread().getName())))
                .expectErrorSatisfies(ex -> assertThat(ex).isInstanceOf(TimeoutException.class)
                        .hasMessage("Redis (rate limit) did not answer within 50 ms"))
                .verify(Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(cancelled).isTrue();
        assertThat(failedOn.get()).startsWith("parallel-");
    }

    @Test
    void letsAnAnswerInTimeThroughAndDropsItsDeadline() {
        Sinks.One<String> answer = Sinks.one();

        StepVerifier.create(deadlines.within(answer.asMono(), Duration.ofSeconds(30), "The bank"))
                .then(() -> assertThat(deadlines.pending()).isEqualTo(1))
                .then(() -> answer.tryEmitValue("200"))
                .expectNext("200")
                .verifyComplete();

        // A cancelled deadline leaves the wheel at its next tick.
        await().atMost(Duration.ofSeconds(2)).until(() -> deadlines.pending() == 0);
    }

    @Test
    void stillFailsACallInTimeAfterReactorsSchedulersWereShutDown() {
        Schedulers.shutdownNow();

        StepVerifier.create(deadlines.within(Mono.never(), Duration.ofMillis(30), "The bank"))
                .expectError(TimeoutException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void stillFailsACallInTimeOnceStopped() {
        deadlines.destroy();

        StepVerifier.create(deadlines.within(Mono.never(), Duration.ofMillis(30), "The bank"))
                .expectErrorMessage("The bank did not answer within 30 ms")
                .verify(Duration.ofSeconds(5));
        StepVerifier.create(deadlines.within(Mono.just("200"), Duration.ofMillis(30), "The bank"))
                .expectNext("200")
                .verifyComplete();
    }
}
