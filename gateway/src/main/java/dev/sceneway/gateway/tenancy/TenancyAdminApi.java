package dev.sceneway.gateway.tenancy;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The admin API of banks, their routes and partner plans, for the portal and the banks' back offices. Needs
 * scope {@code admin} (security.ScopeRules). Every write refreshes this replica's snapshot before answering;
 * the other replicas pick it up within {@code sceneway.gateway.tenancy.refresh-interval}. JDBC runs on
 * bounded-elastic threads, never on the event loop.
 */
@RestController
@RequestMapping("/admin")
class TenancyAdminApi {

    static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final TenancyStore store;
    private final TenancyRefresher refresher;

    TenancyAdminApi(TenancyStore store, TenancyRefresher refresher) {
        this.store = store;
        this.refresher = refresher;
    }

    @GetMapping("/banks")
    Mono<List<BankResource>> banks() {
        return blocking(() -> store.banks().stream().map(BankResource::of).toList());
    }

    @GetMapping("/banks/{bankId}")
    Mono<BankResource> bank(@PathVariable String bankId) {
        return blocking(() -> BankResource.of(existingBank(bankId)));
    }

    @PutMapping("/banks/{bankId}")
    Mono<BankResource> putBank(@PathVariable String bankId, @RequestBody BankRequest request) {
        BankRoute bank = valid(() -> request.toBank(bankId));
        return blocking(() -> {
            store.saveBank(bank);
            refresher.refresh();
            return BankResource.of(bank);
        });
    }

    @DeleteMapping("/banks/{bankId}")
    Mono<ResponseEntity<Void>> deleteBank(@PathVariable String bankId) {
        return blocking(() -> {
            if (!store.deleteBank(bankId)) {
                throw notFound("There is no bank '" + bankId + "'.");
            }
            refresher.refresh();
            return ResponseEntity.noContent().build();
        });
    }

    @GetMapping("/partners/{partner}/plans")
    Mono<List<PlanResource>> plans(@PathVariable String partner) {
        requirePartner(partner);
        return blocking(() -> store.plans(partner).stream().map(PlanResource::of).toList());
    }

    @GetMapping("/partners/{partner}/plans/{bankId}")
    Mono<PlanResource> plan(@PathVariable String partner, @PathVariable String bankId) {
        requirePartner(partner);
        return blocking(() -> PlanResource.of(store.plan(partner, bankId).orElseThrow(
                () -> notFound("Partner '" + partner + "' has no plan at bank '" + bankId + "'."))));
    }

    @PutMapping("/partners/{partner}/plans/{bankId}")
    Mono<PlanResource> putPlan(@PathVariable String partner, @PathVariable String bankId,
            @RequestBody PlanRequest request) {
        requirePartner(partner);
        Plan plan = valid(request::toPlan);
        boolean active = request.active() == null || request.active();
        return blocking(() -> {
            existingBank(bankId);
            store.savePlan(partner, bankId, plan, active);
            refresher.refresh();
            return PlanResource.of(new TenancyStore.StoredPlan(partner, bankId, plan, active));
        });
    }

    @DeleteMapping("/partners/{partner}/plans/{bankId}")
    Mono<ResponseEntity<Void>> deletePlan(@PathVariable String partner, @PathVariable String bankId) {
        requirePartner(partner);
        return blocking(() -> {
            if (!store.deletePlan(partner, bankId)) {
                throw notFound("Partner '" + partner + "' has no plan at bank '" + bankId + "'.");
            }
            refresher.refresh();
            return ResponseEntity.noContent().build();
        });
    }

    private BankRoute existingBank(String bankId) {
        return store.bank(bankId).orElseThrow(() -> notFound("There is no bank '" + bankId + "'."));
    }

    private static void requirePartner(String partner) {
        if (!PARTNER_ID.matcher(partner).matches()) {
            throw badRequest("partner must be an OAuth client_id matching " + PARTNER_ID + ".");
        }
    }

    private static <T> T valid(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException ex) {
            // The messages of BankRoute and Plan name the field and the rule; they never carry internals.
            throw badRequest(ex.getMessage());
        }
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    private static ProblemException badRequest(@Nullable String detail) {
        return new ProblemException(GatewayProblem.BAD_REQUEST, detail == null ? "The request is invalid." : detail,
                null);
    }

    private static ProblemException notFound(String detail) {
        return new ProblemException(GatewayProblem.NOT_FOUND, detail, null);
    }

    /** PUT body of a bank: its route. */
    record BankRequest(@Nullable String uri, @Nullable Long responseTimeoutMillis,
            @Nullable String readFailurePolicy) {

        BankRoute toBank(String bankId) {
            if (uri == null || uri.isBlank()) {
                throw new IllegalArgumentException("uri is required: the bank's product-apis base URI");
            }
            if (responseTimeoutMillis != null && responseTimeoutMillis <= 0) {
                throw new IllegalArgumentException("responseTimeoutMillis must be > 0, but was " + responseTimeoutMillis);
            }
            return new BankRoute(bankId, URI.create(uri),
                    responseTimeoutMillis == null ? null : Duration.ofMillis(responseTimeoutMillis),
                    readFailurePolicy == null ? FailurePolicy.LOCAL_FALLBACK
                            : FailurePolicy.fromWireName(readFailurePolicy));
        }
    }

    /** A bank as the admin API shows it; money-moving requests always fail closed. */
    record BankResource(String id, String uri, @Nullable Long responseTimeoutMillis, String readFailurePolicy,
            String moneyMovingFailurePolicy) {

        static BankResource of(BankRoute bank) {
            return new BankResource(bank.id(), bank.uri().toString(),
                    bank.responseTimeout() == null ? null : bank.responseTimeout().toMillis(),
                    bank.readFailurePolicy().wireName(), FailurePolicy.FAIL_CLOSED.wireName());
        }
    }

    /** PUT body of a plan; {@code active} defaults to true (false: the partner is suspended at that bank). */
    record PlanRequest(@Nullable Integer capacity, @Nullable Integer refillPerSecond, @Nullable Long dailyQuota,
            @Nullable Long monthlyQuota, @Nullable Boolean active) {

        Plan toPlan() {
            return new Plan(required("capacity", capacity), required("refillPerSecond", refillPerSecond),
                    required("dailyQuota", dailyQuota), required("monthlyQuota", monthlyQuota));
        }

        private static <N extends Number> N required(String name, @Nullable N value) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is required");
            }
            return value;
        }
    }

    /** A partner's plan at a bank as the admin API shows it. */
    record PlanResource(String partner, String bankId, int capacity, int refillPerSecond, long dailyQuota,
            long monthlyQuota, boolean active) {

        static PlanResource of(TenancyStore.StoredPlan stored) {
            Plan plan = stored.plan();
            return new PlanResource(stored.partner(), stored.bankId(), plan.capacity(), plan.refillPerSecond(),
                    plan.dailyQuota(), plan.monthlyQuota(), stored.active());
        }
    }
}
