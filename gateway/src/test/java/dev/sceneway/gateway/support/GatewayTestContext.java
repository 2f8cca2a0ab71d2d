package dev.sceneway.gateway.support;

import dev.sceneway.infra.SharedTestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The one Spring context most integration tests share: the whole gateway on a random port, real Redis,
 * WireMock as the JWKS endpoint and as the banks. Banks: lakeside and harbour (each its own WireMock),
 * offline (a closed port), sluggish (answers after 1.5 s; its response timeout is 300 ms); flaky, narrow, lagging
 * and brittle (lakeside's WireMock, each with a resilience policy of its own, for the resilience tests). The partner
 * {@link #SMALL_PLAN_PARTNER} has a plan of 3 requests, then 1 per second. Every response the {@link #client}
 * receives on a credit.yaml path is checked against the spec ({@link ContractValidation}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.server.port=0")
// 15 s, not the default 5 s: the first call of a cold JVM on a 2-core machine shared by parallel builds can exceed 5 s.
// Tests that are about latency measure it themselves.
@AutoConfigureWebTestClient(timeout = "15s")
@Import(ContractValidation.Config.class)
public abstract class GatewayTestContext {

    /** A loopback address a test client can bind to, configured as the one trusted proxy. */
    public static final String TRUSTED_PROXY = "127.0.0.2";
    public static final String SMALL_PLAN_PARTNER = GatewayTokens.uniquePartner("small-plan");

    @Autowired
    protected WebTestClient client;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> SharedTestInfrastructure.redis().host());
        registry.add("spring.data.redis.port", () -> SharedTestInfrastructure.redis().port());
        registry.add("sceneway.gateway.issuer", () -> GatewayTokens.ISSUER);
        registry.add("sceneway.gateway.jwk-set-uri", TestUpstreams::jwkSetUri);
        // Most suites send plain bearer tokens; DpopIT covers DPoP-bound ones (checked whatever this says).
        registry.add("sceneway.gateway.tokens.require-dpop", () -> "false");
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
        registry.add("sceneway.gateway.rate-limit.partners." + SMALL_PLAN_PARTNER + ".capacity", () -> 3);
        registry.add("sceneway.gateway.rate-limit.partners." + SMALL_PLAN_PARTNER + ".refill-per-second", () -> 1);
    }

    /** The FAPI interaction id header (common.yaml), on every response. */
    public static final String INTERACTION_ID = "x-fapi-interaction-id";

    protected static String bearer(String token) {
        return "Bearer " + token;
    }
}
