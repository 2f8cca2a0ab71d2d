package dev.sceneway.gateway.reactive;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
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

    private final HashedWheelTimer wheel = new HashedWheelTimer(new DefaultThreadFactory("sceneway-deadlines", true),
            TICK_MILLIS, TimeUnit.MILLISECONDS, 1024);
    private final Scheduler scheduler = new WheelScheduler(wheel, Schedulers.parallel());

    /**
     * {@code source}, or a {@link TimeoutException} naming {@code what} when it has not answered within
     * {@code timeout}; the source is then cancelled.
     */
    public <T> Mono<T> within(Mono<T> source, Duration timeout, String what) {
        return source.timeout(timeout,
                Mono.error(() -> new TimeoutException(what + " did not answer within " + timeout.toMillis() + " ms")),
                scheduler);
    }

    /** Deadlines set and neither fired nor cancelled yet (cancelled ones leave at the next tick). */
    long pending() {
        return wheel.pendingTimeouts();
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }

    /** A Reactor scheduler whose delayed tasks wait on the wheel and then run on {@code runner}. */
    private static final class WheelScheduler implements Scheduler {

        private final HashedWheelTimer wheel;
        private final Scheduler runner;

        WheelScheduler(HashedWheelTimer wheel, Scheduler runner) {
            this.wheel = wheel;
            this.runner = runner;
        }

        @Override
        public Disposable schedule(Runnable task) {
            return runner.schedule(task);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            return later(wheel, delay, unit, () -> runner.schedule(task));
        }

        @Override
        public Worker createWorker() {
            return new WheelWorker(wheel, runner.createWorker());
        }

        @Override
        public void dispose() {
            wheel.stop();
        }

        @Override
        public boolean isDisposed() {
            return runner.isDisposed();
        }
    }

    /** A worker of {@link WheelScheduler}: its delayed tasks are cancelled with it. */
    private static final class WheelWorker implements Scheduler.Worker {

        private final HashedWheelTimer wheel;
        private final Scheduler.Worker runner;
        private final Disposable.Composite delayed = Disposables.composite();

        WheelWorker(HashedWheelTimer wheel, Scheduler.Worker runner) {
            this.wheel = wheel;
            this.runner = runner;
        }

        @Override
        public Disposable schedule(Runnable task) {
            return runner.schedule(task);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            if (delayed.isDisposed()) {
                throw Exceptions.failWithRejected();
            }
            Disposable[] self = new Disposable[1];
            self[0] = later(wheel, delay, unit, () -> {
                if (self[0] != null) {
                    delayed.remove(self[0]);
                }
                runner.schedule(task);
            });
            delayed.add(self[0]);
            return self[0];
        }

        @Override
        public void dispose() {
            delayed.dispose();
            runner.dispose();
        }

        @Override
        public boolean isDisposed() {
            return delayed.isDisposed();
        }
    }

    /** Runs {@code then} (which must not block) once {@code delay} has passed, unless cancelled first. */
    private static Disposable later(HashedWheelTimer wheel, long delay, TimeUnit unit, Runnable then) {
        try {
            Timeout timeout = wheel.newTimeout(fired -> then.run(), delay, unit);
            return timeout::cancel;
        } catch (IllegalStateException stopped) {
            throw Exceptions.failWithRejected(stopped);
        }
    }
}
