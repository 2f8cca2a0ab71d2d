package dev.sceneway.gateway.metering;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@code GET /admin/usage?partner=&bank=&from=&to=} (scope {@code admin}, see the gateway's scope rules): calls,
 * errors and p95 latency per UTC day, for the portal (a partner's usage) and for billing (a bank's). Every day of
 * the range is listed, with zeros when there were no calls (and then no p95). The query runs on a small scheduler
 * of its own, never on an event-loop thread. Documented in gateway/README.md.
 */
final class UsageApi {

    static final String PATH = "/admin/usage";
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(UsageApi.class);

    private final MeteringStore store;
    private final Scheduler queries;
    private final Clock clock;
    private final int maxDays;

    UsageApi(MeteringStore store, Scheduler queries, Clock clock, int maxDays) {
        this.store = store;
        this.queries = queries;
        this.clock = clock;
        this.maxDays = maxDays;
    }

    Mono<ServerResponse> usage(ServerRequest request) {
        UsageQuery query;
        try {
            query = UsageQuery.parse(request.queryParams(), LocalDate.now(clock), maxDays);
        } catch (ProblemException invalid) {
            return Mono.error(invalid);
        }
        return Mono.fromCallable(() -> store.usage(query.partner(), query.bank(), query.from(), query.to()))
                .subscribeOn(queries)
                .timeout(QUERY_TIMEOUT)
                .onErrorMap(ex -> !(ex instanceof ProblemException), ex -> {
                    log.warn("{}Usage query failed: {}", request.exchange().getLogPrefix(), ex.toString());
                    return new ProblemException(GatewayProblem.UPSTREAM_UNAVAILABLE,
                            "Usage data cannot be read right now. Try again shortly.", ex);
                })
                .map(days -> report(query, days))
                .flatMap(report -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore()).bodyValue(report));
    }

    static UsageReport report(UsageQuery query, List<MeteringStore.DailyUsage> stored) {
        Map<LocalDate, MeteringStore.DailyUsage> byDay = stored.stream()
                .collect(Collectors.toMap(MeteringStore.DailyUsage::day, Function.identity()));
        List<UsageDay> days = new ArrayList<>();
        for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
            MeteringStore.DailyUsage usage = byDay.get(day);
            days.add(usage == null
                    ? new UsageDay(day.toString(), 0, 0, 0, 0, null)
                    : new UsageDay(day.toString(), usage.calls(), usage.errors(), usage.clientErrors(),
                            usage.serverErrors(), millis(usage.p95Micros())));
        }
        return new UsageReport(query.partner(), query.bank(), query.from().toString(), query.to().toString(), days);
    }

    private static @Nullable BigDecimal millis(long micros) {
        return micros < 0 ? null : BigDecimal.valueOf(micros, 3);
    }

    /** The response body. {@code partner} and {@code bank} echo the filters and are absent when not filtered. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UsageReport(@Nullable String partner, @Nullable String bank, String from, String to, List<UsageDay> days) {
    }

    /**
     * One UTC day: {@code errors} = {@code clientErrors} (4xx) + {@code serverErrors} (5xx); {@code p95LatencyMillis}
     * is absent on a day without calls.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UsageDay(String date, long calls, long errors, long clientErrors, long serverErrors,
            @Nullable BigDecimal p95LatencyMillis) {
    }
}
