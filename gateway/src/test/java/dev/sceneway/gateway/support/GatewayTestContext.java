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
 * The one Spring context most integration tests share: the whole gateway on a random port, real Redis and
 * PostgreSQL (a fresh database),
 * WireMock as the JWKS endpoint and as the banks. Banks: lakeside and harbour (each its own WireMock),
 * offline (a closed port), sluggish (answers after 1.5 s; its response timeout is 300 ms). The partner
 * {@link #SMALL_PLAN_PARTNER} has a plan of 3 requests, then 1 per second. Every response the {@link #client}
 * receives on a credit.yaml path is checked against the spec ({@link ContractValidation}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.server.port=0")
// The default 5 s is less than a cold context's first call (JWKS fetch, first Redis and upstream connections) takes
// on a loaded 2-core machine; a call that truly hangs still fails.
@AutoConfigureWebTestClient(timeout = "PT30S")
@Import(ContractValidation.Config.class)
public abstract class GatewayTestContext {

    public static final String SMALL_PLAN_PARTNER = GatewayTokens.uniquePartner("small-plan");

    @Autowired
    protected WebTestClient client;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> SharedTestInfrastructure.redis().host());
        registry.add("spring.data.redis.port", () -> SharedTestInfrastructure.redis().port());
        GatewayDatabase.register(registry);
        registry.add("sceneway.gateway.issuer", () -> GatewayTokens.ISSUER);
        registry.add("sceneway.gateway.jwk-set-uri", TestUpstreams::jwkSetUri);
        registry.add("sceneway.gateway.banks.lakeside.uri", () -> TestUpstreams.lakeside().baseUrl());
        registry.add("sceneway.gateway.banks.harbour.uri", () -> TestUpstreams.harbour().baseUrl());
        registry.add("sceneway.gateway.banks.sluggish.uri", () -> TestUpstreams.harbour().baseUrl());
        registry.add("sceneway.gateway.banks.sluggish.response-timeout", () -> "300ms");
        registry.add("sceneway.gateway.banks.offline.uri", () -> "http://127.0.0.1:" + TestUpstreams.closedPort());
        registry.add("sceneway.gateway.rate-limit.partners." + SMALL_PLAN_PARTNER + ".capacity", () -> 3);
        registry.add("sceneway.gateway.rate-limit.partners." + SMALL_PLAN_PARTNER + ".refill-per-second", () -> 1);
    }

    /** The FAPI interaction id header (common.yaml), on every response. */
    public static final String INTERACTION_ID = "x-fapi-interaction-id";

    protected static String bearer(String token) {
        return "Bearer " + token;
    }
}
