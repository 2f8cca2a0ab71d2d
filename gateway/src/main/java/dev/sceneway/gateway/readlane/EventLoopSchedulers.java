package dev.sceneway.gateway.readlane;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A Reactor scheduler per Netty event loop (there are a few, fixed for the server's life), so that work resumed by
 * another thread can go back to the loop of the caller's connection.
 */
final class EventLoopSchedulers {

    private final Map<EventLoop, Scheduler> schedulers = new ConcurrentHashMap<>();

    /** The scheduler of the loop that serves {@code request}'s connection; immediate if it has none. */
    Scheduler of(HttpServerRequest request) {
        if (!(request instanceof Connection connection)) {
            return Schedulers.immediate();
        }
        // Not disposed with the scheduler: the loops belong to the server.
        return schedulers.computeIfAbsent(connection.channel().eventLoop(),
                loop -> Schedulers.fromExecutorService(loop, "read-lane-" + loop));
    }
}
