package dev.sceneway.gateway.observability;

import dev.sceneway.gateway.metering.CallObserver;
import dev.sceneway.gateway.metering.CallRecord;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * {@value #METRIC}: a timer per route, partner, method and status, so an operator sees each partner's traffic,
 * errors and latency per bank route (Prometheus: {@code sceneway_gateway_requests_seconds_count{route=...,
 * partner=...}}). Every tag value is bounded: routes are configured, partners are registered clients or
 * {@code anonymous}, methods are the standard ones or {@code OTHER}.
 */
final class RequestMetrics implements CallObserver {

    static final String METRIC = "sceneway.gateway.requests";

    private final Meter.MeterProvider<Timer> timers;

    RequestMetrics(MeterRegistry meters) {
        this.timers = Timer.builder(METRIC)
                .description("Calls through the gateway's public port, by route, partner, method and status")
                .withRegistry(meters);
    }

    @Override
    public void observe(CallRecord call) {
        timers.withTags(Tags.of("route", call.route(), "partner", call.partner(), "method", call.method(),
                        "status", Integer.toString(call.status())))
                .record(call.latencyMicros(), TimeUnit.MICROSECONDS);
    }
}
