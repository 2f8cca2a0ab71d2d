package dev.sceneway.gateway.reactive;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The deadlines of the per-request calls (the limiter's Redis call, a bank call), on one timing wheel (Netty's
 * {@link HashedWheelTimer}, ticking every {@value #TICK_MILLIS} ms). {@code Mono.timeout(Duration)} costs far more
 * per request than the call it guards usually takes: it derives a description of the operator chain with a regular
 * expression at every subscription (for the message of a timeout that almost never happens), and its timer is a
 * delay queue under a lock whose worker thread is woken for every new deadline. Here a deadline is a lock-free queue
 * entry, cancelled with a flag, and nothing is woken until one fires; a deadline fires at most one tick late. What
 * follows a fired deadline runs on Reactor's parallel scheduler, never on the wheel's one thread.
 */
@Component
public class Deadlines implements DisposableBean {

    static final int TICK_MILLIS = 5;

    private static final Logger log = LoggerFactory.getLogger(Deadlines.class);

    private final HashedWheelTimer wheel = new HashedWheelTimer(new DefaultThreadFactory("sceneway-deadlines", true),
            TICK_MILLIS, TimeUnit.MILLISECONDS, 1024);
    private final WheelScheduler scheduler = new WheelScheduler(wheel);

    public Deadlines() {
        // Started now, not by the first deadline, which would wait on an event loop for the wheel's thread.
        wheel.start();
    }

    /**
     * {@code source}, or a {@link TimeoutException} naming {@code what} when it has not answered within
     * {@code timeout}; the source is then cancelled. Once the wheel is stopped (the context is closing), the
     * deadline is Reactor's parallel scheduler's.
     */
    public <T> Mono<T> within(Mono<T> source, Duration timeout, String what) {
        Mono<T> late = Mono.error(() -> new TimeoutException(what + " did not answer within " + timeout.toMillis()
                + " ms"));
        return source.timeout(timeout, late, scheduler.isDisposed() ? Schedulers.parallel() : scheduler);
    }

    /** Deadlines set and neither fired nor cancelled yet (cancelled ones leave at the next tick). */
    long pending() {
        return wheel.pendingTimeouts();
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }

    /**
     * A Reactor scheduler whose delayed tasks wait on the wheel and then run on Reactor's parallel scheduler (looked
     * up when they fire, as {@code Mono.timeout(Duration)} looks it up; inline should it be shut down). Its workers
     * are the parallel scheduler's: {@code Mono.timeout} needs none.
     */
    private static final class WheelScheduler implements Scheduler {

        private final HashedWheelTimer wheel;
        private volatile boolean stopped;

        WheelScheduler(HashedWheelTimer wheel) {
            this.wheel = wheel;
        }

        @Override
        public Disposable schedule(Runnable task) {
            return Schedulers.parallel().schedule(task);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            try {
                Timeout timeout = wheel.newTimeout(fired -> run(task), delay, unit);
                return timeout::cancel;
            } catch (IllegalStateException stopped) {
                throw Exceptions.failWithRejected(stopped);
            }
        }

        private static void run(Runnable task) {
            try {
                Schedulers.parallel().schedule(task);
            } catch (RejectedExecutionException shutDown) {
                log.debug("Reactor's parallel scheduler refused a fired deadline; it runs on the wheel's thread");
                task.run();
            }
        }

        @Override
        public Worker createWorker() {
            return Schedulers.parallel().createWorker();
        }

        @Override
        public void dispose() {
            stopped = true;
            wheel.stop();
        }

        @Override
        public boolean isDisposed() {
            return stopped;
        }
    }
}
