package dev.sceneway.gateway.tenancy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestProducts;
import dev.sceneway.gateway.support.TestUpstreams;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Banks, routes and plans through /admin, picked up without a restart; partners only where approved. */
class TenancyAdminIT extends GatewayTestContext {

    private final String admin = GatewayTokens.partner("sceneway-portal").scopes("admin").sign();
    private final String partner = GatewayTokens.uniquePartner("tenant");
    private final String token = GatewayTokens.partner(partner).scopes("products").sign();

    @Test
    void bankWhenAddedThroughAdminApiThenRoutedWithoutRestartForApprovedPartnersOnlyAndGoneWhenDeleted() {
        String bank = "north" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[^a-z]", "x");
        String path = "/v1/banks/" + bank + "/credit/products/" + UUID.randomUUID();
        TestUpstreams.lakeside().stubFor(get(urlPathMatching("/v1/banks/" + bank + "/credit/products/.*"))
                .willReturn(okJson(TestProducts.productJson(bank, "EUR"))));

        put("/admin/banks/" + bank, Map.of("uri", TestUpstreams.lakeside().baseUrl(), "responseTimeoutMillis", 2000))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(bank)
                .jsonPath("$.readFailurePolicy").isEqualTo("local-fallback")
                .jsonPath("$.moneyMovingFailurePolicy").isEqualTo("fail-closed");
        assertProblem(call(path), 403, "partner-not-approved", path);

        put("/admin/partners/" + partner + "/plans/" + bank,
                Map.of("capacity", 5, "refillPerSecond", 1, "dailyQuota", 1000, "monthlyQuota", 5_000_000L))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.monthlyQuota").isEqualTo(5_000_000).jsonPath("$.active").isEqualTo(true);
        call(path).expectStatus().isOk().expectBody().jsonPath("$.bankId").isEqualTo(bank);

        adminGet("/admin/banks").expectStatus().isOk().expectBody().jsonPath("$[?(@.id == '" + bank + "')].uri")
                .isEqualTo(TestUpstreams.lakeside().baseUrl());
        adminGet("/admin/partners/" + partner + "/plans").expectStatus().isOk()
                .expectBody().jsonPath("$[0].bankId").isEqualTo(bank).jsonPath("$[0].capacity").isEqualTo(5);

        admin(client.delete().uri("/admin/banks/" + bank)).expectStatus().isNoContent();
        assertProblem(call(path), 404, "not-found", path);
        assertProblem(adminGet("/admin/partners/" + partner + "/plans/" + bank), 404, "not-found",
                "/admin/partners/" + partner + "/plans/" + bank);
        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void partnerWhenApprovedAtOneBankOnlyThenTheOtherAnswersPartnerNotApprovedAndNothingIsForwarded() {
        put("/admin/partners/" + partner + "/plans/lakeside",
                Map.of("capacity", 5, "refillPerSecond", 1, "dailyQuota", 1000, "monthlyQuota", 10_000))
                .expectStatus().isOk();
        String lakeside = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        String harbour = "/v1/banks/harbour/credit/products/" + UUID.randomUUID();

        call(lakeside).expectStatus().isOk();
        String body = assertProblem(call(harbour), 403, "partner-not-approved", harbour);

        assertThat(body).contains(partner).contains("'harbour'");
        TestUpstreams.harbour().verify(0, getRequestedFor(urlPathEqualTo(harbour)));
    }

    @Test
    void planWhenSuspendedThroughAdminApiThenPartnerNotApprovedAtOnce() {
        approve(partner);
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        call(path).expectStatus().isOk();

        put("/admin/partners/" + partner + "/plans/lakeside", Map.of("capacity", 20, "refillPerSecond", 10,
                "dailyQuota", 1000, "monthlyQuota", 10_000, "active", false)).expectStatus().isOk();

        assertProblem(call(path), 403, "partner-not-approved", path);
    }

    @Test
    void planWhenChangedThroughAdminApiThenTheNextRequestIsMeteredByTheNewPlan() {
        approve(partner);
        String path = "/v1/banks/lakeside/credit/products/" + UUID.randomUUID();
        call(path).expectStatus().isOk().expectHeader().valueEquals("RateLimit-Policy", "\"partner\";q=20;w=2");

        put("/admin/partners/" + partner + "/plans/lakeside",
                Map.of("capacity", 20, "refillPerSecond", 10, "dailyQuota", 2, "monthlyQuota", 10_000))
                .expectStatus().isOk();

        // One call is counted today already; the new plan allows two a day: one more passes, the next is refused.
        call(path).expectStatus().isOk()
                .expectHeader().valueEquals("RateLimit-Policy", "\"partner-day\";q=2;w=86400")
                .expectHeader().valueMatches("RateLimit", "\"partner-day\";r=0;t=\\d+");
        assertThat(assertProblem(call(path), 429, "rate-limited", path)).contains("\"limit\":\"daily-quota\"");
    }

    @Test
    void planWhenWrittenByAnotherReplicaThenTheBackgroundRefreshAppliesItWithinSeconds() {
        approve(partner);
        Plan smaller = new Plan(2, 1, 50, 500);

        // Straight into PostgreSQL, as the admin API of another replica would; no refresh is triggered here.
        tenancyStore.savePlan(partner, "harbour", smaller, true);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> smaller.equals(tenancy.snapshot().plan(partner, "harbour")));
        call("/v1/banks/harbour/credit/products/" + UUID.randomUUID()).expectStatus().isOk()
                .expectHeader().valueEquals("RateLimit-Policy", "\"partner\";q=2;w=2");
    }

    @Test
    void adminWhenTokenLacksAdminScopeThenInsufficientScopeAndWithoutTokenThenTokenMissing() {
        assertProblem(client.get().uri("/admin/banks").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange(),
                403, "insufficient-scope", "/admin/banks");
        assertProblem(client.get().uri("/admin/banks").exchange(), 401, "token-missing", "/admin/banks");
    }

    @Test
    void bankWhenInputIsInvalidThenBadRequestNamingTheRule() {
        String body = assertProblem(put("/admin/banks/westbank", Map.of("uri", "http://127.0.0.1:1/api")),
                400, "bad-request", "/admin/banks/westbank");
        assertThat(body).contains("uri must not have a path");
        assertThat(assertProblem(put("/admin/banks/westbank",
                        Map.of("uri", "http://127.0.0.1:1", "readFailurePolicy", "fail-open")),
                400, "bad-request", "/admin/banks/westbank")).contains("failure policy must be");
        assertThat(assertProblem(put("/admin/banks/West_Bank", Map.of("uri", "http://127.0.0.1:1")),
                400, "bad-request", "/admin/banks/West_Bank")).contains("bank id must match");
        assertProblem(admin(client.put().uri("/admin/banks/westbank").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")), 400, "bad-request", "/admin/banks/westbank");
        assertProblem(admin(client.put().uri("/admin/banks/westbank").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("uri=http://127.0.0.1:1")), 400, "bad-request", "/admin/banks/westbank");
        adminGet("/admin/banks/westbank").expectStatus().isNotFound();
    }

    @Test
    void planWhenInputIsInvalidOrBankUnknownThenProblemNamingIt() {
        String path = "/admin/partners/" + partner + "/plans/lakeside";
        assertThat(assertProblem(put(path, Map.of("capacity", 0, "refillPerSecond", 1, "dailyQuota", 1,
                "monthlyQuota", 1)), 400, "bad-request", path)).contains("capacity must be > 0, but was 0");
        assertThat(assertProblem(put(path, Map.of("capacity", 1, "refillPerSecond", 1, "dailyQuota", 1)),
                400, "bad-request", path)).contains("monthlyQuota is required");
        String unknown = "/admin/partners/" + partner + "/plans/nosuchbank";
        assertThat(assertProblem(put(unknown, Map.of("capacity", 1, "refillPerSecond", 1, "dailyQuota", 1,
                "monthlyQuota", 1)), 404, "not-found", unknown)).contains("nosuchbank");
        String badPartner = "/admin/partners/-bad/plans/lakeside";
        assertThat(assertProblem(adminGet(badPartner), 400, "bad-request", badPartner)).contains("client_id");
    }

    private WebTestClient.ResponseSpec call(String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange();
    }

    private WebTestClient.ResponseSpec put(String path, Map<String, ?> body) {
        return admin(client.put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body));
    }

    private WebTestClient.ResponseSpec adminGet(String path) {
        return admin(client.get().uri(path));
    }

    private WebTestClient.ResponseSpec admin(WebTestClient.RequestHeadersSpec<?> request) {
        return request.header(HttpHeaders.AUTHORIZATION, bearer(admin)).exchange();
    }
}
