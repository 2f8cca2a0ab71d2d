package dev.sceneway.gateway.support;

import dev.sceneway.gateway.tenancy.Plan;
import dev.sceneway.gateway.tenancy.TenancyRefresher;
import dev.sceneway.gateway.tenancy.TenancyStore;
import dev.sceneway.infra.SharedTestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The one Spring context most integration tests share: the whole gateway on a random port, real Redis, real
 * PostgreSQL (a fresh database for the tenancy tables), WireMock as the auth-server (JWKS, consents API) and as the
 * banks. Banks
 * (configured, so seeded into the database): lakeside and harbour (each its own WireMock), offline (a closed
 * port), sluggish (answers after 1.5 s; its response timeout is 300 ms); flaky, narrow, lagging and brittle
 * (lakeside's WireMock, each with a resilience policy of its own). A partner must be approved for a bank:
 * call {@link #approve(String)} for a {@link GatewayTokens#uniquePartner unique partner} before its first call.
 * The partner {@link #SMALL_PLAN_PARTNER} is seeded with a plan at lakeside of 3 requests, then 1 per second.
 * Every response the {@link #client} receives on a credit.yaml path is checked against the spec
 * ({@link ContractValidation}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.server.port=0")
// Generous: the first call of a context pays for the JWKS, the Redis connection and the contract validator.
@AutoConfigureWebTestClient(timeout = "30s")
@Import(ContractValidation.Config.class)
public abstract class GatewayTestContext {

    /** A loopback address a test client can bind to, configured as the one trusted proxy. */
    public static final String TRUSTED_PROXY = "127.0.0.2";
    public static final String SMALL_PLAN_PARTNER = GatewayTokens.uniquePartner("small-plan");
    /** The plan {@link #approve(String)} gives: bursts of 20, 10 per second, generous quotas. */
    public static final Plan DEFAULT_PLAN = new Plan(20, 10, 100_000, 2_000_000);

    private static String databaseUrl;

    @Autowired
    protected WebTestClient client;

    @Autowired
    protected TenancyStore tenancyStore;

    @Autowired
    protected TenancyRefresher tenancy;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> SharedTestInfrastructure.redis().host());
        registry.add("spring.data.redis.port", () -> SharedTestInfrastructure.redis().port());
        registerDatabase(registry);
        registry.add("sceneway.gateway.issuer", () -> GatewayTokens.ISSUER);
        registry.add("sceneway.gateway.jwk-set-uri", TestUpstreams::jwkSetUri);
        // Most suites send plain bearer tokens; DpopIT covers DPoP-bound ones (checked whatever this says).
        registry.add("sceneway.gateway.tokens.require-dpop", () -> "false");
        registry.add("sceneway.gateway.consents.uri", () -> TestUpstreams.authServer().baseUrl());
        registry.add("sceneway.gateway.banks.lakeside.uri", () -> TestUpstreams.lakeside().baseUrl());
        registry.add("sceneway.gateway.banks.harbour.uri", () -> TestUpstreams.harbour().baseUrl());
        registry.add("sceneway.gateway.banks.sluggish.uri", () -> TestUpstreams.harbour().baseUrl());
        registry.add("sceneway.gateway.banks.sluggish.response-timeout", () -> "300ms");
        registry.add("sceneway.gateway.banks.offline.uri", () -> "http://127.0.0.1:" + TestUpstreams.closedPort());
        // Resilience (resilience.UpstreamResilienceIT): banks on lakeside's WireMock with small policies of their own.
        registry.add("sceneway.gateway.banks.flaky.uri", () -> TestUpstreams.lakeside().baseUrl());
        registry.add("sceneway.gateway.resilience.banks.flaky.timeout", () -> "300ms");
        registry.add("sceneway.gateway.resilience.banks.flaky.sliding-window-size", () -> 4);
        registry.add("sceneway.gateway.resilience.banks.flaky.minimum-number-of-calls", () -> 4);
        registry.add("sceneway.gateway.resilience.banks.flaky.wait-in-open-state", () -> "500ms");
        registry.add("sceneway.gateway.resilience.banks.flaky.permitted-calls-in-half-open-state", () -> 2);
        registry.add("sceneway.gateway.banks.narrow.uri", () -> TestUpstreams.lakeside().baseUrl());
        registry.add("sceneway.gateway.resilience.banks.narrow.max-concurrent-calls", () -> 2);
        registry.add("sceneway.gateway.banks.lagging.uri", () -> TestUpstreams.lakeside().baseUrl());
        registry.add("sceneway.gateway.banks.lagging.response-timeout", () -> "5s");
        registry.add("sceneway.gateway.resilience.banks.lagging.timeout", () -> "300ms");
        registry.add("sceneway.gateway.banks.brittle.uri", () -> TestUpstreams.lakeside().baseUrl());
        registry.add("sceneway.gateway.resilience.banks.brittle.retry-backoff", () -> "10ms");
        // Edge (edge.EdgeHygieneIT): only a client bound to 127.0.0.2 counts as a trusted proxy.
        registry.add("sceneway.gateway.edge.trusted-proxies", () -> TRUSTED_PROXY + "/32");
        String smallPlan = "sceneway.gateway.tenancy.seed-plans." + SMALL_PLAN_PARTNER + ".lakeside.";
        registry.add(smallPlan + "capacity", () -> 3);
        registry.add(smallPlan + "refill-per-second", () -> 1);
    }

    /** The gateway's PostgreSQL: this JVM's own tenancy database, created empty on first use. */
    public static void registerDatabase(DynamicPropertyRegistry registry) {
        registerDatabase(registry, GatewayTestContext::databaseUrl);
    }

    /** A context of its own tenancy data, e.g. {@code SharedTestInfrastructure.freshDatabase("...")}. */
    public static void registerDatabase(DynamicPropertyRegistry registry, java.util.function.Supplier<Object> url) {
        registry.add("spring.datasource.url", url);
        registry.add("spring.datasource.username", () -> SharedTestInfrastructure.postgres().username());
        registry.add("spring.datasource.password", () -> SharedTestInfrastructure.postgres().password());
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> 8);
    }

    public static synchronized String databaseUrl() {
        if (databaseUrl == null) {
            // The process id keeps parallel test JVMs on one PostgreSQL from recreating each other's database.
            databaseUrl = SharedTestInfrastructure.freshDatabase("gateway");
        }
        return databaseUrl;
    }

    /** Approves {@code partner} at every bank of this context with {@link #DEFAULT_PLAN}, effective at once. */
    protected void approve(String partner) {
        approve(partner, DEFAULT_PLAN);
    }

    protected void approve(String partner, Plan plan) {
        tenancy.snapshot().banks().keySet().forEach(bank -> tenancyStore.savePlan(partner, bank, plan, true));
        tenancy.refresh();
    }

    /** The FAPI interaction id header (common.yaml), on every response. */
    public static final String INTERACTION_ID = "x-fapi-interaction-id";

    protected static String bearer(String token) {
        return "Bearer " + token;
    }
}
