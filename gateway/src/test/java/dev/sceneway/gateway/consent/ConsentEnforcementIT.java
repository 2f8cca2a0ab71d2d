package dev.sceneway.gateway.consent;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.sceneway.gateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import dev.sceneway.gateway.support.TestConsents;
import dev.sceneway.gateway.support.TestConsents.Consent;
import dev.sceneway.gateway.support.TestUpstreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every reason the gateway refuses a customer-level call under its token's consent, each a problem naming it with
 * nothing forwarded to the bank; and what a call that passes carries to the bank.
 */
class ConsentEnforcementIT extends GatewayTestContext {

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ConsentCache cache;

    private final String partner = GatewayTokens.uniquePartner("consent");
    private final String account = "/v1/banks/lakeside/accounts/LS-ALICE-CUR-" + UUID.randomUUID();

    @BeforeEach
    void approvePartner() {
        approve(partner);
    }

    @Test
    void accountsWhenConsentIsAuthorisedAndGrantsThePermissionThenForwardedWithConsentAndCustomer() {
        Consent consent = TestConsents.accountAccess(partner, "lakeside", "accounts").saveTo(redis);

        get(account, consent.token())
                // A caller cannot name the consent or customer the bank sees: the edge strips x-sceneway-*.
                .header("x-sceneway-consent", "forged").header("x-sceneway-customer", "mallory")
                .exchange().expectStatus().isOk();

        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(account))
                .withHeader("x-sceneway-consent", equalTo(consent.id()))
                .withHeader("x-sceneway-customer", equalTo(TestConsents.CUSTOMER))
                .withHeader("x-sceneway-partner", equalTo(partner)));
    }

    @Test
    void accountsWhenTokenHasNoConsentThenConsentRequired() {
        String token = GatewayTokens.partner(partner).scopes("accounts").sign();

        assertRefused(get(account, token), 403, "consent-required", "missing");
    }

    @Test
    void accountsWhenConsentIsUnknownThenConsentNotAuthorised() {
        Consent neverSaved = TestConsents.accountAccess(partner, "lakeside", "accounts");

        assertRefused(get(account, neverSaved.token()), 403, "consent-not-authorised", "unknown");
    }

    @Test
    void accountsWhenConsentIsAnotherPartnersThenRefusedLikeAnUnknownOne() {
        String other = GatewayTokens.uniquePartner("consent-other");
        approve(other);
        Consent othersConsent = TestConsents.accountAccess(other, "lakeside", "accounts").saveTo(redis);
        // The attacker knows the id and puts it into a token of its own (or got such a token minted).
        String token = GatewayTokens.partner(partner).scopes("accounts").subject(TestConsents.CUSTOMER)
                .claim("consent_id", othersConsent.id()).sign();

        String body = assertRefused(get(account, token), 403, "consent-not-authorised", "unknown");
        assertThat(body).doesNotContain(other);
    }

    @Test
    void accountsWhenTokenIsAnotherCustomersThenRefusedLikeAnUnknownConsent() {
        Consent consent = TestConsents.accountAccess(partner, "lakeside", "accounts").saveTo(redis);
        String bobsToken = consent.tokenBuilder().subject("bob").sign();

        assertRefused(get(account, bobsToken), 403, "consent-not-authorised", "unknown");
    }

    @Test
    void accountsWhenConsentIsForAnotherBankThenConsentWrongBank() {
        Consent harbourConsent = TestConsents.accountAccess(partner, "harbour", "accounts").saveTo(redis);

        String body = assertRefused(get(account, harbourConsent.token()), 403, "consent-wrong-bank", "wrong-bank");
        assertThat(body).contains("harbour").contains("lakeside");
    }

    @Test
    void accountsWhenConsentAwaitsTheCustomerThenConsentNotAuthorised() {
        Consent consent = TestConsents.accountAccess(partner, "lakeside", "accounts")
                .withStatus("AwaitingAuthorisation").saveTo(redis);

        assertRefused(get(account, consent.token()), 403, "consent-not-authorised", "awaiting-authorisation");
    }

    @Test
    void accountsWhenConsentWasRejectedThenConsentNotAuthorised() {
        Consent consent = TestConsents.accountAccess(partner, "lakeside", "accounts").withStatus("Rejected")
                .saveTo(redis);

        assertRefused(get(account, consent.token()), 403, "consent-not-authorised", "rejected");
    }

    @Test
    void accountsWhenConsentWasRevokedThenConsentRevoked() {
        Consent consent = TestConsents.accountAccess(partner, "lakeside", "accounts").withStatus("Revoked")
                .saveTo(redis);

        assertRefused(get(account, consent.token()), 403, "consent-revoked", "revoked");
    }

    @Test
    void accountsWhenConsentStatusIsExpiredThenConsentExpired() {
        Consent consent = TestConsents.accountAccess(partner, "lakeside", "accounts").withStatus("Expired")
                .saveTo(redis);

        assertRefused(get(account, consent.token()), 403, "consent-expired", "expired");
    }

    @Test
    void accountsWhenConsentIsPastExpiresAtWhileStillAuthorisedThenConsentExpired() {
        // The auth-server's expiry job has not run yet: the gateway does not wait for it.
        Consent consent = TestConsents.accountAccess(partner, "lakeside", "accounts")
                .withExpiresAt(Instant.now().minusSeconds(1)).saveTo(redis);

        assertRefused(get(account, consent.token()), 403, "consent-expired", "expired");
    }

    @Test
    void paymentWhenConsentWasConsumedThenAnotherPaymentIsRefusedButThePaymentStaysReadable() {
        Consent consent = TestConsents.payment(partner, "lakeside").withStatus("Consumed").saveTo(redis);
        String token = consent.token();
        String paymentPath = "/v1/banks/lakeside/payments/p-" + UUID.randomUUID();

        assertRefused(client.post().uri("/v1/banks/lakeside/payments").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("x-idempotency-key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"amount\":\"25.00\"}"),
                403, "consent-consumed", "consumed");
        get(paymentPath, token).exchange().expectStatus().isOk();

        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(paymentPath)));
    }

    @Test
    void paymentWhenConsentIsAuthorisedThenThePaymentIsForwarded() {
        Consent consent = TestConsents.payment(partner, "lakeside").saveTo(redis);
        String key = UUID.randomUUID().toString();

        client.post().uri("/v1/banks/lakeside/payments").header(HttpHeaders.AUTHORIZATION, bearer(consent.token()))
                .header("x-idempotency-key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\":\"25.00\"}").exchange().expectStatus().isCreated();

        TestUpstreams.lakeside().verify(1, postRequestedFor(urlPathEqualTo("/v1/banks/lakeside/payments"))
                .withHeader("x-idempotency-key", equalTo(key))
                .withHeader("x-sceneway-consent", equalTo(consent.id())));
    }

    @Test
    void transactionsWhenConsentGrantsOnlyBalancesThenConsentPermissionMissing() {
        Consent consent = TestConsents.accountAccess(partner, "lakeside", "accounts", "balances").saveTo(redis);

        get(account + "/balances", consent.token()).exchange().expectStatus().isOk();
        String body = assertRefused(get(account + "/transactions", consent.token()), 403,
                "consent-permission-missing", "permission-missing");
        assertThat(body).contains("transactions");
    }

    @Test
    void accountsWhenConsentIsOfAnotherTypeThenConsentRequired() {
        Consent payment = TestConsents.payment(partner, "lakeside").saveTo(redis);

        String body = assertRefused(get(account, payment.token("accounts")), 403, "consent-required", "wrong-type");
        assertThat(body).contains("account-access");
    }

    @Test
    void creditApplicationWhenConsentGrantsSharingApplicationDataThenForwardedAndWithoutThenRefused() {
        String application = "/v1/banks/lakeside/credit/applications/a-" + UUID.randomUUID();
        Consent sharing = TestConsents.credit(partner, "lakeside", "share-application-data").saveTo(redis);
        Consent bureauOnly = TestConsents.credit(partner, "lakeside", "credit-bureau-check").saveTo(redis);

        assertRefused(get(application, bureauOnly.token()), 403, "consent-permission-missing", "permission-missing");
        // The bank has no such application (WireMock: 404); what matters is that the gateway let it through.
        get(application, sharing.token()).exchange().expectStatus().isNotFound();
        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(application))
                .withHeader("x-sceneway-consent", equalTo(sharing.id())));
    }

    @Test
    void creditAgreementWhenTheTokenHasNoCreditConsentThenRefusedAndWithOneThenForwarded() {
        String agreement = "/v1/banks/lakeside/credit/agreements/a-" + UUID.randomUUID();
        Consent sharing = TestConsents.credit(partner, "lakeside", "share-application-data").saveTo(redis);
        Consent accounts = TestConsents.accountAccess(partner, "lakeside", "accounts").saveTo(redis);

        assertRefused(get(agreement, accounts.token("credit")), 403, "consent-required", "wrong-type");
        get(agreement, sharing.token()).exchange().expectStatus().isNotFound();
        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(agreement))
                .withHeader("x-sceneway-consent", equalTo(sharing.id())));
    }

    @Test
    void accountsWhenDailyFrequencyIsUsedUpThenConsentFrequencyExceededUntilUtcMidnight() {
        Consent consent = TestConsents.accountAccess(partner, "lakeside", "accounts").withFrequencyPerDay(2)
                .saveTo(redis);
        String token = consent.token();

        get(account, token).exchange().expectStatus().isOk();
        get(account + "/x", token).exchange().expectStatus().isOk();
        Instant before = Instant.now();
        EntityExchangeResult<byte[]> third = get(account, token).exchange().expectBody().returnResult();
        Instant after = Instant.now();

        assertProblem(third, 429, "consent-frequency-exceeded", account);
        long retryAfter = Long.parseLong(third.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(secondsToMidnight(after), secondsToMidnight(before) + 1);
        TestUpstreams.lakeside().verify(1, getRequestedFor(urlPathEqualTo(account)));
    }

    @Test
    void secondCallUnderAConsentIsServedFromTheCacheWithoutReadingRedis() {
        await().atMost(Duration.ofSeconds(10)).until(cache::live);
        Consent consent = TestConsents.accountAccess(partner, "lakeside", "accounts").saveTo(redis);
        double hits = count(ConsentMetrics.CACHE, "result", "hit");

        get(account, consent.token()).exchange().expectStatus().isOk();
        redis.delete("sceneway:consent:" + consent.id()).block();
        get(account, consent.token()).exchange().expectStatus().isOk();

        assertThat(count(ConsentMetrics.CACHE, "result", "hit")).isGreaterThan(hits);
        // A change notice drops the copy: the consent is unknown now that its key is gone.
        redis.convertAndSend("sceneway:consent-changes", consent.id()).block();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                .until(() -> get(account, consent.token()).exchange().expectBody().returnResult().getStatus()
                        .value() == 403);
    }

    @Test
    void productCatalogueWhenTokenHasNoConsentThenNoConsentIsNeeded() {
        String token = GatewayTokens.partner(partner).scopes("products").sign();

        get("/v1/banks/lakeside/credit/products", token).exchange().expectStatus().isOk();
    }

    private WebTestClient.RequestHeadersSpec<?> get(String path, String token) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(token));
    }

    /** The problem (the contract's members only), its reason's metric, the interaction id; and the bank saw nothing of the call. */
    private String assertRefused(WebTestClient.RequestHeadersSpec<?> request, int status, String slug,
            String reason) {
        double before = count(ConsentMetrics.REFUSED, "reason", reason);
        EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
        String path = result.getUrl().getRawPath();
        String body = assertProblem(result, status, slug, path);
        assertThat(body).doesNotContain("\"reason\"");
        assertThat(result.getResponseHeaders().getFirst(INTERACTION_ID)).isNotBlank();
        assertThat(count(ConsentMetrics.REFUSED, "reason", reason)).isEqualTo(before + 1);
        String authorization = result.getRequestHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        TestUpstreams.lakeside().verify(0, anyRequestedFor(urlPathEqualTo(path))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo(authorization)));
        return body;
    }

    private double count(String metric, String tag, String value) {
        return meters.find(metric).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static long secondsToMidnight(Instant at) {
        Instant midnight = LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return at.until(midnight, ChronoUnit.SECONDS);
    }
}
