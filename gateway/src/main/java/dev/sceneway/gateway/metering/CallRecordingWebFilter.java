package dev.sceneway.gateway.metering;

import dev.sceneway.gateway.interaction.InteractionIdWebFilter;
import dev.sceneway.gateway.problem.GatewayErrorWebExceptionHandler;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Records every call on the public port once its response is complete and hands the {@link CallRecord} to the
 * {@link CallObserver}s (metering buffer, metrics, access log); nothing here waits for any of them.
 * <p>
 * Ordered first, outside {@link InteractionIdWebFilter} and Spring Security, so that their rejections (a malformed
 * interaction id, 401, 403) are recorded too; the interaction id that filter settles on is in the exchange's
 * attributes by the time the call completes. Failures of the inner chain are rendered here by the gateway's
 * own {@link GatewayErrorWebExceptionHandler}, the handler that would render them one level up anyway, so the
 * recorded status is the one the partner received, not an exception still in flight.
 */
final class CallRecordingWebFilter implements WebFilter, Ordered {

    /** Outside the interaction id filter (-150) and Spring Security (-100). */
    static final int ORDER = -160;

    private static final Logger log = LoggerFactory.getLogger(CallRecordingWebFilter.class);

    private final CallRecorder recorder;
    private final GatewayErrorWebExceptionHandler errors;
    private final ApplicationContext publicContext;

    /**
     * @param publicContext the application context of the public port: the management port's child context sees
     *        this filter too (web filters are collected from ancestor contexts), but health probes and metric
     *        scrapes are not partners' calls
     */
    CallRecordingWebFilter(CallRecorder recorder, GatewayErrorWebExceptionHandler errors,
            ApplicationContext publicContext) {
        this.publicContext = publicContext;
        this.recorder = recorder;
        this.errors = errors;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!recorder.active() || exchange.getApplicationContext() != publicContext) {
            // Metering, request metrics and the access log all switched off (e.g. a benchmark without policies),
            // or a request on the management port.
            return chain.filter(exchange);
        }
        Instant at = Instant.now();
        long started = System.nanoTime();
        // Recorded before the completion travels on to the server: a graceful shutdown, which waits for requests to
        // complete, therefore never stops the metering writer ahead of a record still to be buffered.
        return chain.filter(exchange)
                .onErrorResume(ex -> errors.handle(exchange, ex))
                .doOnSuccess(done -> record(exchange, at, started, SignalType.ON_COMPLETE))
                .doOnError(ex -> record(exchange, at, started, SignalType.ON_ERROR))
                .doOnCancel(() -> record(exchange, at, started, SignalType.CANCEL));
    }

    private void record(ServerWebExchange exchange, Instant at, long started, SignalType signal) {
        try {
            long latencyMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
            CallClassifier.Classification call = recorder.classifier().classify(exchange);
            String partner = exchange.getAttribute(PartnerAttributeWebFilter.PARTNER_ATTRIBUTE) instanceof String p
                    ? p
                    : CallRecord.ANONYMOUS;
            CallRecord record = new CallRecord(at, partner, call.bank(), call.product(), call.operation(),
                    call.route(), call.method(), statusOf(exchange, signal), latencyMicros, interactionIdOf(exchange));
            recorder.observe(record);
        } catch (RuntimeException ex) {
            // Recording must never fail a call whose response has already gone out.
            log.warn("{}Could not record the call: {}", exchange.getLogPrefix(), ex.toString());
        }
    }

    /** {@link InteractionIdWebFilter} makes the interaction id the exchange's log id. */
    private static String interactionIdOf(ServerWebExchange exchange) {
        return exchange.getAttribute(ServerWebExchange.LOG_ID_ATTRIBUTE) instanceof String id ? id : CallRecord.NONE;
    }

    private static int statusOf(ServerWebExchange exchange, SignalType signal) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (signal == SignalType.CANCEL && !exchange.getResponse().isCommitted()) {
            return CallRecord.CLIENT_CLOSED;
        }
        if (status == null) {
            // Completed without anyone setting a status: the server sends 200.
            return signal == SignalType.ON_ERROR ? 500 : 200;
        }
        return status.value();
    }
}
