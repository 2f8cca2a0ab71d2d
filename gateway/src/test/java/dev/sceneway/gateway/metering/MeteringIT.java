package dev.sceneway.gateway.metering;

import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.JsonPathExpectationsHelper;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Calls through the whole gateway end up in PostgreSQL, named by partner, bank, product and operation. */
class MeteringIT extends GatewayTestContext {

    @Autowired
    MeteringWriter writer;

    @Autowired
    JdbcTemplate jdbc;

    @LocalManagementPort
    int managementPort;

    private final String partner = GatewayTokens.uniquePartner("metered");
    private final String token = GatewayTokens.partner(partner).scopes("products").sign();

    @BeforeEach
    void approvePartner() {
        approve(partner);
    }

    @Test
    void callWhenForwardedThenStoredWithTheSpecsOperationIdAndProduct() {
        String id = call("/v1/banks/lakeside/credit/products/" + UUID.randomUUID(), token, 200);

        flushUntilStored(id);

        Map<String, Object> row = rowOf(id);
        assertThat(row).containsEntry("partner", partner).containsEntry("bank", "lakeside")
                .containsEntry("product", "credit").containsEntry("operation", "getCreditProduct")
                .containsEntry("status", 200);
        assertThat((Long) row.get("latency_micros")).isPositive();
    }

    @Test
    void callWhenRefusedWithoutTokenThenStoredAsAnonymousAgainstTheBankItNamed() {
        String id = call("/v1/banks/harbour/credit/quotes?amount=3000.00&currency=EUR&termMonths=6", null, 401);

        flushUntilStored(id);

        assertThat(rowOf(id)).containsEntry("partner", CallRecord.ANONYMOUS).containsEntry("bank", "harbour")
                .containsEntry("product", "credit").containsEntry("operation", "getCreditQuote")
                .containsEntry("status", 401);
    }

    @Test
    void callWhenRefusedForScopeThenStoredUnderThePartnerOfTheToken() {
        String other = GatewayTokens.uniquePartner("no-scope");
        String id = call("/v1/banks/lakeside/credit/products", GatewayTokens.partner(other).scopes("accounts").sign(),
                403);

        flushUntilStored(id);

        assertThat(rowOf(id)).containsEntry("partner", other).containsEntry("operation", "listCreditProducts")
                .containsEntry("status", 403);
    }

    @Test
    void callWhenPathIsNotInTheSpecsThenOperationIsMethodAndRoutePatternNeverTheRawPath() {
        String rawSegment = "jane.doe@example.com";
        String routed = call("/v1/banks/harbour/credit/unknown/" + rawSegment, token, 404);
        String invented = call("/v1/banks/atlantis" + UUID.randomUUID().toString().substring(0, 4) + "/credit/products",
                token, 404);
        String nowhere = call("/nothing/here/" + rawSegment, token, 404);

        flushUntilStored(routed, invented, nowhere);

        assertThat(rowOf(routed)).containsEntry("bank", "harbour").containsEntry("product", "credit")
                .containsEntry("operation", "GET /v1/banks/harbour/**");
        // A bank nobody routes to is not a bank; the operation is still the spec's.
        assertThat(rowOf(invented)).containsEntry("bank", CallRecord.NONE).containsEntry("product", "credit")
                .containsEntry("operation", "listCreditProducts");
        assertThat(rowOf(nowhere)).containsEntry("bank", CallRecord.NONE).containsEntry("product", CallRecord.NONE)
                .containsEntry("operation", "GET " + CallClassifier.NO_ROUTE);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM metering_call WHERE operation LIKE ?", Long.class,
                "%" + rawSegment + "%")).isZero();
    }

    @Test
    void callWhenInteractionIdIsMalformedThenTheBadRequestIsStoredUnderTheIdTheGatewayGaveIt() {
        String id = client.get().uri("/v1/banks/lakeside/credit/products").header(INTERACTION_ID, "not-a-uuid")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange().expectStatus().isBadRequest()
                .expectBody().returnResult().getResponseHeaders().getFirst(INTERACTION_ID);

        flushUntilStored(id);

        // Refused before authentication ran: nobody is authenticated yet.
        assertThat(rowOf(id)).containsEntry("status", 400).containsEntry("operation", "listCreditProducts")
                .containsEntry("partner", CallRecord.ANONYMOUS);
    }

    @Test
    void requestOnTheManagementPortThenNotMetered() {
        String probe = UUID.randomUUID().toString();
        WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/health").header(INTERACTION_ID, probe).exchange().expectStatus().isOk();
        String marker = call("/v1/banks/lakeside/credit/products", token, 200);

        flushUntilStored(marker);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM metering_call WHERE interaction_id = ?", Long.class,
                probe)).isZero();
    }

    @Test
    void usageWhenAskedForAPartnerThenCallsErrorsAndP95PerDayAcrossItsBanks() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(call("/v1/banks/lakeside/credit/products", token, 200));
        }
        ids.add(call("/v1/banks/offline/credit/products", token, 503));
        flushUntilStored(ids.toArray(String[]::new));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        String all = usage("?partner=" + partner + "&from=" + today.minusDays(2) + "&to=" + today);
        String lakeside = usage("?partner=" + partner + "&bank=lakeside&from=" + today + "&to=" + today);

        new JsonPathExpectationsHelper("$.partner").assertValue(all, partner);
        new JsonPathExpectationsHelper("$.days.length()").assertValue(all, 3);
        new JsonPathExpectationsHelper("$.days[0].date").assertValue(all, today.minusDays(2).toString());
        new JsonPathExpectationsHelper("$.days[0].calls").assertValue(all, 0);
        new JsonPathExpectationsHelper("$.days[0].p95LatencyMillis").doesNotExist(all);
        new JsonPathExpectationsHelper("$.days[2].date").assertValue(all, today.toString());
        new JsonPathExpectationsHelper("$.days[2].calls").assertValue(all, 4);
        new JsonPathExpectationsHelper("$.days[2].errors").assertValue(all, 1);
        new JsonPathExpectationsHelper("$.days[2].serverErrors").assertValue(all, 1);
        new JsonPathExpectationsHelper("$.days[2].clientErrors").assertValue(all, 0);
        new JsonPathExpectationsHelper("$.days[2].p95LatencyMillis").assertValueIsNotEmpty(all);
        new JsonPathExpectationsHelper("$.bank").assertValue(lakeside, "lakeside");
        new JsonPathExpectationsHelper("$.days.length()").assertValue(lakeside, 1);
        new JsonPathExpectationsHelper("$.days[0].calls").assertValue(lakeside, 3);
        new JsonPathExpectationsHelper("$.days[0].errors").assertValue(lakeside, 0);
    }

    @Test
    void usageWhenP95IsAskedThenItComesFromTheMergedHistogramsOfTheDay() {
        // Stored directly: 100 calls of ~1 ms and 10 of ~50 ms on one day, over two operations.
        String billed = GatewayTokens.uniquePartner("billed");
        LocalDate day = LocalDate.of(2026, 3, 1);
        List<CallRecord> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 110; i++) {
            calls.add(new CallRecord(day.atTime(10, 0).toInstant(ZoneOffset.UTC), billed, "harbour", "credit",
                    i % 2 == 0 ? "listCreditProducts" : "getCreditProduct", "bank-harbour", "GET",
                    i < 100 ? 200 : 429, i < 100 ? 1_000 : 50_000, UUID.randomUUID().toString()));
        }
        new MeteringStore(jdbc, transactions()).store(calls);

        String body = usage("?partner=" + billed + "&bank=harbour&from=2026-03-01&to=2026-03-01");

        new JsonPathExpectationsHelper("$.days[0].calls").assertValue(body, 110);
        new JsonPathExpectationsHelper("$.days[0].clientErrors").assertValue(body, 10);
        // Rank 105 of 110 is one of the 50 ms calls: p95 is the upper bound of 50 ms's bucket, within 10% above.
        double p95 = ((Number) new JsonPathExpectationsHelper("$.days[0].p95LatencyMillis").evaluateJsonPath(body))
                .doubleValue();
        assertThat(p95).isGreaterThan(50.0).isLessThanOrEqualTo(55.0);
    }

    @Test
    void usageWhenTokenLacksTheAdminScopeThenForbiddenAndWithoutTokenUnauthorized() {
        assertProblem(client.get().uri("/admin/usage").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange(),
                403, "insufficient-scope", "/admin/usage");
        assertProblem(client.get().uri("/admin/usage").exchange(), 401, "token-missing", "/admin/usage");
    }

    @Test
    void usageWhenParametersAreBadThenBadRequestProblems() {
        String admin = adminToken();
        for (String query : List.of("?from=2026-02-30", "?from=2026-11-10&to=2026-11-01",
                "?from=2020-01-01&to=2026-01-01", "?bank=NOT_A_BANK", "?partner=a%20b")) {
            String body = assertProblem(client.get().uri("/admin/usage" + query)
                    .header(HttpHeaders.AUTHORIZATION, bearer(admin)).exchange(), 400, "bad-request", "/admin/usage");
            assertThat(body).doesNotContain("Exception");
        }
    }

    private String usage(String query) {
        byte[] body = client.get().uri("/admin/usage" + query).header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/json")
                .expectBody().returnResult().getResponseBodyContent();
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String adminToken() {
        return GatewayTokens.partner(GatewayTokens.uniquePartner("operator")).scopes("admin").sign();
    }

    private org.springframework.transaction.support.TransactionTemplate transactions() {
        return new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.support.JdbcTransactionManager(jdbc.getDataSource()));
    }

    /** Makes the call with its own interaction id, checks the status, returns the id. */
    private String call(String uri, String bearerToken, int status) {
        String id = UUID.randomUUID().toString();
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(uri).header(INTERACTION_ID, id);
        if (bearerToken != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, bearer(bearerToken));
        }
        request.exchange().expectStatus().isEqualTo(status).expectBody().returnResult();
        return id;
    }

    /**
     * A call is recorded as its response completes, which the client may see a moment earlier: flush until the
     * calls' rows are there (bounded).
     */
    private void flushUntilStored(String... interactionIds) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            writer.flush();
            Long stored = jdbc.queryForObject("SELECT count(*) FROM metering_call WHERE interaction_id = ANY (?)",
                    Long.class, (Object) interactionIds);
            return stored != null && stored == interactionIds.length;
        });
    }

    private Map<String, Object> rowOf(String interactionId) {
        return jdbc.queryForMap("SELECT partner, bank, product, operation, status, latency_micros FROM metering_call"
                + " WHERE interaction_id = ?", interactionId);
    }
}
