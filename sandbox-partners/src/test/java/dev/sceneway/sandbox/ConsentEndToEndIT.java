package dev.sceneway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.infra.Infrastructure;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Consents across the real processes, as an attacker would test them: two partners (renovation-demo, checkout-demo),
 * two banks (lakeside, harbour), two customers (alice, bob). Partners create consents through the gateway, the
 * customers approve them at auth-server (password, one-time code, consent screen), tokens are DPoP-bound to the
 * partner's key, and every call goes through the gateway to the bank's product-apis. No token reads or moves
 * anything outside its consent, and every refusal names its reason. Revocation is measured across two gateway
 * replicas on one Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentEndToEndIT {

    private static final String PROBLEMS = "https://sceneway.dev/problems/";
    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(20);

    private final ContractChecking contract = new ContractChecking();
    private final Map<String, CustomerBrowser> browsers = new ConcurrentHashMap<>();
    private Sandbox sandbox;
    private String gateway;
    private PartnerApp renovation;
    private PartnerApp checkout;

    @BeforeAll
    void startSandbox() throws Exception {
        Path home = Path.of(System.getProperty("sceneway.home", "..")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(home.resolve("sandbox-partners/target/consent-it"));
        SandboxSettings settings = SandboxSettings.isolated(home, work, "sceneway_consent_it");
        sandbox = Sandbox.start(settings, Infrastructure.fromEnvironment());
        gateway = settings.gatewayUrl();
        renovation = new PartnerApp(settings, contract.httpClientBuilder().build(), "renovation-demo",
                "renovation-demo-secret", "http://localhost:8766/callback");
        checkout = new PartnerApp(settings, contract.httpClientBuilder().build(), "checkout-demo",
                "checkout-demo-secret", "http://localhost:8767/callback");
    }

    @AfterAll
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aliceGrantsOneAccountAndThePartnerReadsThatAccountOnly() {
        String consentId = accountAccess(checkout, "lakeside", "[\"accounts\",\"balances\",\"transactions\"]");
        String token = authorise(checkout, "alice", consentId, "accounts", List.of("LS-ALICE-CUR"));

        SandboxClient.Reply accounts = checkout.call(gateway, "GET", "/v1/banks/lakeside/accounts", token, null);
        assertThat(accounts.status()).as(accounts.body()).isEqualTo(200);
        assertThat(accounts.json().path("data").valueStream().map(a -> a.path("accountId").asString()))
                .containsExactly("LS-ALICE-CUR");
        assertThat(checkout.call(gateway, "GET", "/v1/banks/lakeside/accounts/LS-ALICE-CUR/balances", token, null)
                .status()).isEqualTo(200);
        SandboxClient.Reply transactions = checkout.call(gateway, "GET",
                "/v1/banks/lakeside/accounts/LS-ALICE-CUR/transactions?limit=5", token, null);
        assertThat(transactions.status()).as(transactions.body()).isEqualTo(200);
        assertThat(transactions.json().path("data").size()).isBetween(1, 5);

        // Alice's other account, bob's account, an account that does not exist: all the same refusal.
        for (String other : List.of("LS-ALICE-SAV", "LS-BOB-CUR", "LS-NO-SUCH-ACCOUNT", "HB-ALICE-CUR")) {
            assertProblem(checkout.call(gateway, "GET", "/v1/banks/lakeside/accounts/" + other, token, null), 403,
                    "resource-not-in-consent");
            assertProblem(checkout.call(gateway, "GET", "/v1/banks/lakeside/accounts/" + other + "/transactions",
                    token, null), 403, "resource-not-in-consent");
        }
        // The same token at the other bank, even for alice's own account there.
        assertProblem(checkout.call(gateway, "GET", "/v1/banks/harbour/accounts/HB-ALICE-CUR", token, null), 403,
                "consent-wrong-bank");
        // Nor can it move money: it has neither the scope nor a payment consent.
        SandboxClient.Reply payment = checkout.call(gateway, "POST", "/v1/banks/lakeside/payments", token,
                paymentJson("LS-ALICE-CUR", "LS-SHOP-MERCHANT", "10.00", "EUR", "STEAL-1"));
        assertThat(payment.status()).isEqualTo(403);
        assertThat(payment.problemType()).isIn(PROBLEMS + "insufficient-scope", PROBLEMS + "consent-required");
    }

    @Test
    void aliceOpensATermDepositFromHerConsentedAccountAndReadsItsMaturityAmount() {
        // (checkout-demo: renovation-demo's sandbox plan allows only 5 calls in a burst.)
        // The partner shows harbour's products (no customer needed), then asks alice for the right to open one.
        SandboxClient.Reply products = checkout.partnerCall(gateway, "GET", "/v1/banks/harbour/deposits/products",
                "products", null);
        assertThat(products.status()).as(products.body()).isEqualTo(200);
        assertThat(products.json().path("data").valueStream().map(p -> p.path("productId").asString()))
                .contains("fixed-12m");
        String consentId = accountAccess(checkout, "harbour", "[\"accounts\",\"balances\",\"open-term-deposits\"]");
        String token = authorise(checkout, "alice", consentId, "accounts", List.of("HB-ALICE-CUR"));
        String before = checkout.call(gateway, "GET", "/v1/banks/harbour/accounts/HB-ALICE-CUR/balances", token,
                null).json().path("booked").asString();

        SandboxClient.Reply opened = checkout.call(gateway, "POST", "/v1/banks/harbour/deposits/term-deposits",
                token, "{\"productId\":\"fixed-12m\",\"sourceAccount\":\"HB-ALICE-CUR\",\"amount\":\"1000.00\","
                        + "\"currency\":\"CNY\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        JsonNode deposit = opened.json();
        assertThat(deposit.path("termDepositId").asString()).startsWith("HB-TD-");
        assertThat(deposit.path("annualRatePercent").asString()).isEqualTo("1.45");
        // 1,000.00 x 1.45 % x days/365, half-up: 14.50 over 365 days, 14.54 over 366.
        assertThat(deposit.path("interest").asString())
                .isEqualTo(deposit.path("days").asInt() == 366 ? "14.54" : "14.50");
        String after = checkout.call(gateway, "GET", "/v1/banks/harbour/accounts/HB-ALICE-CUR/balances", token,
                null).json().path("booked").asString();
        assertThat(new java.math.BigDecimal(before).subtract(new java.math.BigDecimal(after)))
                .isEqualByComparingTo("1000.00");
        SandboxClient.Reply read = checkout.call(gateway, "GET", "/v1/banks/harbour/deposits/term-deposits/"
                + deposit.path("termDepositId").asString(), token, null);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().path("maturityAmount").asString()).isEqualTo(deposit.path("maturityAmount").asString());

        // A consent that only reads cannot open one: the gateway refuses before the bank sees it.
        String readOnly = authorise(checkout, "alice", accountAccess(checkout, "harbour", "[\"accounts\"]"),
                "accounts", List.of("HB-ALICE-CUR"));
        assertProblem(checkout.call(gateway, "POST", "/v1/banks/harbour/deposits/term-deposits", readOnly,
                "{\"productId\":\"fixed-12m\",\"sourceAccount\":\"HB-ALICE-CUR\",\"amount\":\"1000.00\","
                        + "\"currency\":\"CNY\"}"), 403, "consent-permission-missing");
    }

    @Test
    void aConsentWithoutTheTransactionsPermissionCannotReadTransactions() {
        String consentId = accountAccess(renovation, "harbour", "[\"accounts\",\"balances\"]");
        String token = authorise(renovation, "bob", consentId, "accounts", List.of("HB-BOB-CUR"));

        assertThat(renovation.call(gateway, "GET", "/v1/banks/harbour/accounts/HB-BOB-CUR/balances", token, null)
                .status()).isEqualTo(200);
        assertProblem(renovation.call(gateway, "GET", "/v1/banks/harbour/accounts/HB-BOB-CUR/transactions", token,
                null), 403, "consent-permission-missing");
        assertProblem(renovation.call(gateway, "GET", "/v1/banks/harbour/accounts/HB-BOB-SAV/balances", token,
                null), 403, "resource-not-in-consent");
    }

    @Test
    void anotherPartnerCanNeitherReadNorRevokeNorUseAConsentItDidNotCreate() {
        String consentId = accountAccess(renovation, "lakeside", "[\"accounts\"]");
        String token = authorise(renovation, "bob", consentId, "accounts", List.of("LS-BOB-CUR"));

        assertProblem(checkout.consent(gateway, "GET", "lakeside", consentId, "accounts"), 404, "not-found");
        assertProblem(checkout.consent(gateway, "DELETE", "lakeside", consentId, "accounts"), 404, "not-found");
        // Presented by the other partner (with its own DPoP key), the token is not even accepted as a token.
        SandboxClient.Reply stolen = checkout.call(gateway, "GET", "/v1/banks/lakeside/accounts", token, null);
        assertThat(stolen.status()).isEqualTo(401);
        // And the owner still reads its consent, unchanged.
        SandboxClient.Reply own = renovation.consent(gateway, "GET", "lakeside", consentId, "accounts");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("status").asString()).isEqualTo("Authorised");
    }

    @Test
    void aDeniedConsentGivesNoCodeAndStaysRejected() {
        String consentId = accountAccess(checkout, "harbour", "[\"accounts\"]");
        PartnerApp.Authorization authorization = checkout.pushAuthorizationRequest(consentId, "accounts");
        URI back = browser("alice").deny(authorization.authorizeUrl());

        assertThat(PartnerApp.query(back)).containsEntry("error", "access_denied").doesNotContainKey("code");
        assertThat(checkout.consent(gateway, "GET", "harbour", consentId, "accounts").json().path("status")
                .asString()).isEqualTo("Rejected");
    }

    @Test
    void aPaymentAboveTheInstantLimitIsPendingThenTheBanksPaymentRunDecidesIt() {
        // lakeside executes up to 10,000.00 EUR at once; above that the payment waits for the payment run, which
        // checks the funds when it executes: alice cannot cover 12,000.00, so it ends rejected, nothing moved.
        String consentId = checkout.newConsent(gateway, "lakeside", "payment", "payments", """
                {"amount":"12000.00","currency":"EUR","creditorAccount":"LS-SHOP-MERCHANT",
                 "creditorName":"Checkout demo shop","reference":"ORDER-2002"}""");
        String token = authorise(checkout, "alice", consentId, "payments", List.of("LS-ALICE-CUR"));

        SandboxClient.Reply accepted = checkout.call(gateway, "POST", "/v1/banks/lakeside/payments", token,
                paymentJson("LS-ALICE-CUR", "LS-SHOP-MERCHANT", "12000.00", "EUR", "ORDER-2002"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(accepted.json().path("status").asString()).isEqualTo("pending");
        String payment = "/v1/banks/lakeside/payments/" + accepted.json().path("paymentId").asString();

        awaitTrue(() -> "rejected".equals(checkout.call(gateway, "GET", payment, token, null).json().path("status")
                .asString()), Duration.ofSeconds(15), "the payment run rejects the pending payment");
        assertThat(checkout.call(gateway, "GET", payment, token, null).json().path("statusReason").asString())
                .isEqualTo("insufficient-funds");
        // The instruction used the consent: it is Consumed, and a second try under it is refused.
        awaitTrue(() -> "Consumed".equals(checkout.consent(gateway, "GET", "lakeside", consentId, "payments").json()
                .path("status").asString()), Duration.ofSeconds(10), "the consent becomes Consumed");
    }

    @Test
    void aPaymentConsentPaysExactlyItsTermsOnceAndIsThenConsumed() {
        String consentId = checkout.newConsent(gateway, "lakeside", "payment", "payments", """
                {"amount":"25.00","currency":"EUR","creditorAccount":"LS-SHOP-MERCHANT",
                 "creditorName":"Checkout demo shop","reference":"ORDER-1001"}""");
        String token = authorise(checkout, "alice", consentId, "payments", List.of("LS-ALICE-CUR"));

        assertProblem(checkout.call(gateway, "POST", "/v1/banks/lakeside/payments", token,
                paymentJson("LS-ALICE-CUR", "LS-SHOP-MERCHANT", "250.00", "EUR", "ORDER-1001")), 403,
                "consent-terms-mismatch");
        assertProblem(checkout.call(gateway, "POST", "/v1/banks/lakeside/payments", token,
                paymentJson("LS-ALICE-CUR", "LS-BOB-CUR", "25.00", "EUR", "ORDER-1001")), 403,
                "consent-terms-mismatch");
        assertProblem(checkout.call(gateway, "POST", "/v1/banks/lakeside/payments", token,
                paymentJson("LS-ALICE-SAV", "LS-SHOP-MERCHANT", "25.00", "EUR", "ORDER-1001")), 403,
                "consent-terms-mismatch");

        SandboxClient.Reply paid = checkout.call(gateway, "POST", "/v1/banks/lakeside/payments", token,
                paymentJson("LS-ALICE-CUR", "LS-SHOP-MERCHANT", "25.00", "EUR", "ORDER-1001"));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        String paymentId = paid.json().path("paymentId").asString();

        SandboxClient.Reply again = checkout.call(gateway, "POST", "/v1/banks/lakeside/payments", token,
                paymentJson("LS-ALICE-CUR", "LS-SHOP-MERCHANT", "25.00", "EUR", "ORDER-1001"));
        assertProblem(again, 403, "consent-consumed");
        SandboxClient.Reply read = checkout.call(gateway, "GET", "/v1/banks/lakeside/payments/" + paymentId, token,
                null);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().path("amount").asString()).isEqualTo("25.00");
        // auth-server learns of the use from product-apis (Redis stream) and says so to the partner.
        awaitTrue(() -> "Consumed".equals(checkout.consent(gateway, "GET", "lakeside", consentId, "payments").json()
                .path("status").asString()), Duration.ofSeconds(10), "the consent becomes Consumed");

        // The shop takes one item back: the partner refunds part of it, with its own token, never more than paid.
        SandboxClient.Reply refunded = checkout.partnerCall(gateway, "POST", "/v1/banks/lakeside/refunds", "payments",
                refundJson(paymentId, "10.00"));
        assertThat(refunded.status()).as(refunded.body()).isEqualTo(201);
        assertThat(refunded.json().path("toAccount").asString()).isEqualTo("LS-ALICE-CUR");
        assertProblem(checkout.partnerCall(gateway, "POST", "/v1/banks/lakeside/refunds", "payments",
                refundJson(paymentId, "15.01")), 422, "refund-exceeds-payment");
        SandboxClient.Reply rest = checkout.partnerCall(gateway, "POST", "/v1/banks/lakeside/refunds", "payments",
                refundJson(paymentId, "15.00"));
        assertThat(rest.status()).as(rest.body()).isEqualTo(201);
        assertThat(rest.json().path("paymentRefundedTotal").asString()).isEqualTo("25.00");
    }

    private static String refundJson(String paymentId, String amount) {
        return """
                {"paymentId":"%s","amount":"%s","currency":"EUR","reference":"ORDER-1001 returned item"}"""
                .formatted(paymentId, amount);
    }

    @Test
    void partnerRevocationStopsTheTokenOnTwoGatewayReplicasWithinASecond() throws Exception {
        String replica = sandbox.startGatewayReplica();
        String consentId = accountAccess(checkout, "harbour", "[\"accounts\"]");
        PartnerApp.Tokens tokens = tokens(checkout, "alice", consentId, "accounts", List.of("HB-ALICE-CUR"));
        String token = tokens.accessToken();
        // Both replicas have used (and so cached) the consent.
        assertThat(checkout.call(gateway, "GET", "/v1/banks/harbour/accounts", token, null).status()).isEqualTo(200);
        assertThat(checkout.call(replica, "GET", "/v1/banks/harbour/accounts", token, null).status()).isEqualTo(200);

        String partnerToken = checkout.partnerToken("accounts");
        long start = System.nanoTime();
        assertThat(checkout.consentWithToken(gateway, "DELETE", "harbour", consentId, partnerToken).status())
                .isEqualTo(204);
        long deleted = System.nanoTime();
        // Both replicas polled at once, each from its own thread.
        CompletableFuture<Duration> onReplica = CompletableFuture.supplyAsync(() -> untilRevoked(replica, token, start));
        Duration second = untilRevoked(gateway, token, start);
        Duration first = onReplica.join();
        System.out.printf("revocation (partner DELETE answered in %d ms) seen by gateway replica 2 after %d ms,"
                + " replica 1 after %d ms%n", (deleted - start) / 1_000_000, first.toMillis(), second.toMillis());
        assertThat(first).isLessThanOrEqualTo(REVOCATION_BOUND);
        assertThat(second).isLessThanOrEqualTo(REVOCATION_BOUND);

        assertThat(checkout.consent(gateway, "GET", "harbour", consentId, "accounts").json().path("status")
                .asString()).isEqualTo("Revoked");
        if (tokens.refreshToken() != null) {
            SandboxClient.Reply refreshed = checkout.refresh(tokens.refreshToken());
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(400);
            assertThat(refreshed.json().path("error").asString()).isEqualTo("invalid_grant");
        }
    }

    @Test
    void customerRevocationOnTheDashboardStopsThePartnersToken() {
        String consentId = accountAccess(checkout, "lakeside", "[\"accounts\",\"balances\"]");
        String token = authorise(checkout, "bob", consentId, "accounts", List.of("LS-BOB-CUR"));
        assertThat(checkout.call(gateway, "GET", "/v1/banks/lakeside/accounts/LS-BOB-CUR", token, null).status())
                .isEqualTo(200);

        long start = System.nanoTime();
        int status = browser("bob").revokeOnDashboard(consentId).statusCode();
        assertThat(status).isIn(200, 302, 303);
        Duration seen = untilRevoked(gateway, checkout, "/v1/banks/lakeside/accounts/LS-BOB-CUR", token, start);
        assertThat(seen).isLessThanOrEqualTo(REVOCATION_BOUND);
        assertThat(checkout.consent(gateway, "GET", "lakeside", consentId, "accounts").json().path("status")
                .asString()).isEqualTo("Revoked");
    }

    private Duration untilRevoked(String gatewayUrl, String token, long startNanos) {
        return untilRevoked(gatewayUrl, checkout, "/v1/banks/harbour/accounts", token, startNanos);
    }

    /**
     * Polls (bounded, every 20 ms) until the call is refused as revoked; the time since {@code startNanos}. A 429 of
     * the partner's small sandbox plan only delays the next poll.
     */
    private static Duration untilRevoked(String gatewayUrl, PartnerApp partner, String path, String token,
            long startNanos) {
        long deadline = startNanos + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            SandboxClient.Reply reply = partner.call(gatewayUrl, "GET", path, token, null);
            if (reply.status() == 403) {
                assertProblem(reply, 403, "consent-revoked");
                return Duration.ofNanos(System.nanoTime() - startNanos);
            }
            assertThat(reply.status()).as(reply.body()).isIn(200, 429);
            LockSupport.parkNanos(POLL.toNanos());
        }
        throw new AssertionError(gatewayUrl + " still accepts the token 5 s after the revocation");
    }

    private String accountAccess(PartnerApp partner, String bank, String permissions) {
        return partner.newConsent(gateway, bank, "account-access", "accounts",
                "{\"permissions\":" + permissions + ",\"frequencyPerDay\":50}");
    }

    private String authorise(PartnerApp partner, String customer, String consentId, String scope,
            List<String> accounts) {
        return tokens(partner, customer, consentId, scope, accounts).accessToken();
    }

    private PartnerApp.Tokens tokens(PartnerApp partner, String customer, String consentId, String scope,
            List<String> accounts) {
        PartnerApp.Authorization authorization = partner.pushAuthorizationRequest(consentId, scope);
        URI back = browser(customer).approve(authorization.authorizeUrl(), accounts);
        assertThat(back.toString()).startsWith(partner.redirectUri);
        PartnerApp.Tokens tokens = partner.exchange(authorization, back);
        JsonNode claims = SandboxClient.jwtPart(tokens.accessToken(), 1);
        assertThat(claims.path("sub").asString()).isEqualTo(customer);
        assertThat(claims.path("consent_id").asString()).isEqualTo(consentId);
        assertThat(claims.path("consent").path("accounts").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(accounts);
        return tokens;
    }

    private CustomerBrowser browser(String customer) {
        return browsers.computeIfAbsent(customer,
                name -> new CustomerBrowser(sandbox.settings().issuer(), name, name + "-password"));
    }

    private static String paymentJson(String debtor, String creditor, String amount, String currency,
            String reference) {
        return """
                {"debtorAccount":"%s","creditorAccount":"%s","amount":"%s","currency":"%s","reference":"%s"}"""
                .formatted(debtor, creditor, amount, currency, reference);
    }

    private static void awaitTrue(Supplier<Boolean> condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            LockSupport.parkNanos(POLL.toNanos() * 5); // a poll interval, not a wait for an outcome
        }
        throw new AssertionError("not within " + within + ": " + what);
    }

    private static void assertProblem(SandboxClient.Reply reply, int status, String slug) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problemType()).as(reply.body()).isEqualTo(PROBLEMS + slug);
        assertThat(reply.body()).doesNotContain("Exception", "\tat ");
    }
}
