package dev.sceneway.gateway.scaleout;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.SecondReplica;
import dev.sceneway.gateway.support.TestUpstreams;
import dev.sceneway.gateway.tenancy.Plan;
import dev.sceneway.gateway.tenancy.TenancyRefresher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Scale-out: a second gateway replica (its own application context, its own port) on the same Redis and the same
 * PostgreSQL as the shared test context. A partner's plan holds across both, because both meter in Redis.
 */
class TwoReplicasIT extends GatewayTestContext {

    private static SecondReplica replica;
    private static ConfigurableApplicationContext second;
    private static WebTestClient secondClient;

    @BeforeAll
    static void startSecondReplica() {
        replica = SecondReplica.start();
        second = replica.context();
        secondClient = replica.client();
    }

    @AfterAll
    static void stopSecondReplica() {
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void dailyQuotaWhenCallsAlternateBetweenReplicasThenTheSixthOfFiveIsRefused() {
        String partner = approvedOnBothReplicas(new Plan(100, 100, 5, 1_000));
        String token = GatewayTokens.partner(partner).scopes("products").sign();
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();

        List<Integer> statuses = new ArrayList<>();
        EntityExchangeResult<byte[]> sixth = null;
        for (int call = 0; call < 6; call++) {
            EntityExchangeResult<byte[]> result = replica(call).get().uri(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectBody().returnResult();
            statuses.add(result.getStatus().value());
            sixth = result;
        }

        assertThat(fallbacks(second)).as("the second replica metered in Redis, not locally").isZero();
        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
        assertThat(assertProblem(sixth, 429, "rate-limited", path)).contains("\"limit\":\"daily-quota\"");
        TestUpstreams.lakeside().verify(5, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void tokenBucketWhenCallsAlternateBetweenReplicasThenOneBucketOfFiveIsShared() {
        String partner = approvedOnBothReplicas(new Plan(5, 1, 1_000, 1_000));
        String token = GatewayTokens.partner(partner).scopes("products").sign();
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();

        int allowed = 0;
        long started = System.nanoTime();
        for (int call = 0; call < 10; call++) {
            int status = replica(call).get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectBody().returnResult().getStatus().value();
            if (status == 200) {
                allowed++;
            }
        }
        long elapsedSeconds = Math.ceilDiv(System.nanoTime() - started, 1_000_000_000L);

        // Two buckets (one per replica) would admit all 10 in a burst; one shared bucket admits 5 plus the refill
        // (1 per second) that accrued while the calls were made.
        assertThat(allowed).isGreaterThanOrEqualTo(5).isLessThanOrEqualTo(5 + (int) elapsedSeconds).isLessThan(10);
        TestUpstreams.lakeside().verify(allowed, getRequestedFor(urlPathEqualTo(path)));
        assertThat(fallbacks(second)).as("the second replica metered in Redis, not locally").isZero();
    }

    private static double fallbacks(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).find("sceneway.gateway.ratelimit.fallback").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Approves through this replica's database and refreshes both replicas' snapshots. */
    private String approvedOnBothReplicas(Plan plan) {
        String partner = GatewayTokens.uniquePartner("two-replicas");
        approve(partner, plan);
        second.getBean(TenancyRefresher.class).refresh();
        assertThat(second.getBean(TenancyRefresher.class).snapshot().plan(partner, "lakeside")).isEqualTo(plan);
        return partner;
    }

    private WebTestClient replica(int call) {
        return call % 2 == 0 ? client : secondClient;
    }
}
