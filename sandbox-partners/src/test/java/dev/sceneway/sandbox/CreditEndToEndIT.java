package dev.sceneway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.sceneway.infra.Infrastructure;
import dev.sceneway.infra.PostgresServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Consumer credit at the scene, across the real processes, once per persona of the simulated credit bureau: the
 * checkout partner ("pay now or in instalments") quotes (no customer), creates a credit consent, the customer approves it at auth-server, and
 * every call goes through the gateway to lakeside's product-apis, which asks the bureau (WireMock, started by the
 * sandbox) over HTTP. alice is approved, signs, the merchant is paid and she repays early; bob is referred; carol is
 * declined with reasons; dave's bureau answers late, so he is pending until the bank decides in the background. The
 * partner hears of each step by signed webhook at its sandbox webhook URL (http://localhost:8767/webhooks), and the
 * bank's ledger is checked in SQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreditEndToEndIT {

    private static final String PROBLEMS = "https://sceneway.dev/problems/";
    private static final String CREDIT = "/v1/banks/lakeside/credit";
    private static final String MERCHANT = "LS-SHOP-MERCHANT";
    private static final int WEBHOOK_PORT = 8767; // checkout-demo's webhook-url in auth-server's sandbox profile
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private final ContractChecking contract = new ContractChecking();
    private final Map<String, CustomerBrowser> browsers = new ConcurrentHashMap<>();
    private final List<Webhook> webhooks = new CopyOnWriteArrayList<>();
    private Sandbox sandbox;
    private HttpServer webhookReceiver;
    private String gateway;
    private PartnerApp checkout;

    /** One webhook as the partner received it. */
    private record Webhook(String id, String signature, byte[] body, JsonNode json) {
    }

    @BeforeAll
    void startSandbox() throws Exception {
        webhookReceiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), WEBHOOK_PORT), 16);
        webhookReceiver.createContext("/webhooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            webhooks.add(new Webhook(exchange.getRequestHeaders().getFirst("x-sceneway-webhook-id"),
                    exchange.getRequestHeaders().getFirst("x-sceneway-signature"), body,
                    SandboxClient.JSON.readTree(body)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhookReceiver.start();
        Path home = Path.of(System.getProperty("sceneway.home", "..")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(home.resolve("sandbox-partners/target/credit-it"));
        SandboxSettings settings = SandboxSettings.isolated(home, work, "sceneway_credit_it");
        sandbox = Sandbox.start(settings, Infrastructure.fromEnvironment());
        gateway = settings.gatewayUrl();
        checkout = new PartnerApp(settings, contract.httpClientBuilder().build(), "checkout-demo",
                "checkout-demo-secret", "http://localhost:8767/callback");
    }

    @AfterAll
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (webhookReceiver != null) {
            webhookReceiver.stop(0);
        }
    }

    @Test
    void aliceIsQuotedApprovedAndSignsTheMerchantIsPaidAndHerEarlyRepaymentClosesTheLoan() throws Exception {
        JsonNode plan = quote("lakeside-instalment-standard", "2000.00", 12);
        String consentId = creditConsent();
        String token = authorise("alice", consentId);

        SandboxClient.Reply applied = checkout.call(gateway, "POST", CREDIT + "/applications", token,
                application("lakeside-instalment-standard", "2000.00", 12, "LS-ALICE-CUR", "CHECKOUT-2001"));
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        JsonNode offer = applied.json().path("offer");
        assertThat(applied.json().path("status").asString()).isEqualTo("approved");
        // The offer is the quote the partner showed on its page, to the cent.
        assertThat(offer.path("instalment").asString()).isEqualTo(plan.path("instalment").asString());
        assertThat(offer.path("totalRepayable").asString()).isEqualTo(plan.path("totalRepayable").asString());
        assertThat(offer.path("aprPercent").asString()).isEqualTo(plan.path("aprPercent").asString());
        String applicationId = applied.json().path("applicationId").asString();
        BigDecimal merchantBefore = balance(MERCHANT);
        BigDecimal aliceBefore = balance("LS-ALICE-CUR");

        JsonNode agreement = accept(token, applicationId);
        String agreementId = agreement.path("agreementId").asString();
        assertThat(agreement.path("status").asString()).isEqualTo("active");
        assertThat(agreement.path("schedule").size()).isEqualTo(12);
        assertThat(agreement.path("schedule").get(0).path("instalment").asString())
                .isEqualTo(plan.path("schedule").get(0).path("instalment").asString());
        // Disbursed to the merchant at the bank, not to alice; the loan account owes it.
        assertThat(balance(MERCHANT).subtract(merchantBefore)).isEqualByComparingTo("2000.00");
        assertThat(balance(agreement.path("loanAccountId").asString())).isEqualByComparingTo("-2000.00");
        assertThat(balance("LS-ALICE-CUR")).isEqualByComparingTo(aliceBefore);

        SandboxClient.Reply quote = checkout.call(gateway, "GET", CREDIT + "/agreements/" + agreementId
                + "/early-repayment-quote", token, null);
        assertThat(quote.status()).as(quote.body()).isEqualTo(200);
        String total = quote.json().path("total").asString();
        assertThat(new BigDecimal(total)).isGreaterThanOrEqualTo(new BigDecimal("2000.00"));
        SandboxClient.Reply repaid = checkout.call(gateway, "POST", CREDIT + "/agreements/" + agreementId
                + "/early-repayments", token, "{\"amount\":\"" + total + "\"}");
        assertThat(repaid.status()).as(repaid.body()).isEqualTo(200);
        assertThat(repaid.json().path("status").asString()).isEqualTo("repaid");
        assertThat(repaid.json().path("outstandingPrincipal").asString()).isEqualTo("0.00");
        assertThat(aliceBefore.subtract(balance("LS-ALICE-CUR"))).isEqualByComparingTo(total);
        assertThat(balance(agreement.path("loanAccountId").asString())).isEqualByComparingTo("0.00");
        assertLedgerBalanced();

        for (String type : List.of("credit.application.decided", "credit.agreement.signed",
                "credit.agreement.disbursed", "credit.agreement.closed")) {
            Webhook webhook = awaitWebhook(consentId, type);
            assertSignedByTheBank(webhook);
            assertThat(webhook.json().path("bankId").asString()).isEqualTo("lakeside");
        }
        assertThat(awaitWebhook(consentId, "credit.application.decided").json().path("data").path("status")
                .asString()).isEqualTo("approved");
    }

    @Test
    void bobIsReferredToAPersonAndCannotSignUntilTheBankDecides() {
        quote("lakeside-instalment-standard", "3000.00", 24);
        String consentId = creditConsent();
        String token = authorise("bob", consentId);

        SandboxClient.Reply applied = checkout.call(gateway, "POST", CREDIT + "/applications", token,
                application("lakeside-instalment-standard", "3000.00", 24, "LS-BOB-CUR", "CHECKOUT-2002"));
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        assertThat(applied.json().path("status").asString()).isEqualTo("referred");
        String applicationId = applied.json().path("applicationId").asString();

        assertProblem(checkout.call(gateway, "POST", CREDIT + "/applications/" + applicationId + "/acceptance",
                token, "{\"disclosureDigest\":\"" + "0".repeat(64) + "\"}"), 409, "credit-state-conflict");
        assertThat(awaitWebhook(consentId, "credit.application.decided").json().path("data").path("status")
                .asString()).isEqualTo("referred");
    }

    @Test
    void carolIsDeclinedWithEveryReasonAndNothingIsBooked() throws Exception {
        quote("lakeside-instalment-standard", "1500.00", 12);
        String consentId = creditConsent();
        String token = authorise("carol", consentId);
        BigDecimal merchantBefore = balance(MERCHANT);

        SandboxClient.Reply applied = checkout.call(gateway, "POST", CREDIT + "/applications", token,
                application("lakeside-instalment-standard", "1500.00", 12, "LS-CAROL-CUR", "CHECKOUT-2003"));
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        assertThat(applied.json().path("status").asString()).isEqualTo("declined");
        assertThat(applied.json().path("declineReasons").valueStream().map(JsonNode::asString))
                .contains("adverse-credit-record", "credit-score-too-low");
        assertThat(applied.json().has("offer")).isFalse();
        // Carol's application, read back by the partner, is the same decision.
        SandboxClient.Reply read = checkout.call(gateway, "GET", CREDIT + "/applications/"
                + applied.json().path("applicationId").asString(), token, null);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().path("status").asString()).isEqualTo("declined");
        assertThat(balance(MERCHANT)).isEqualByComparingTo(merchantBefore);
        assertSignedByTheBank(awaitWebhook(consentId, "credit.application.decided"));
    }

    @Test
    void daveIsPendingThenApprovedInTheBackgroundAndSignsAMerchantSubsidisedPlanAndRepaysIt() throws Exception {
        JsonNode plan = quote("lakeside-merchant-zero", "1200.00", 6);
        assertThat(plan.path("nominalAnnualRatePercent").asString()).isEqualTo("0.00");
        assertThat(plan.path("totalCost").asString()).isEqualTo("0.00");
        String consentId = creditConsent();
        String token = authorise("dave", consentId);

        SandboxClient.Reply applied = checkout.call(gateway, "POST", CREDIT + "/applications", token,
                application("lakeside-merchant-zero", "1200.00", 6, "LS-DAVE-CUR", "CHECKOUT-2004"));
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        assertThat(applied.json().path("status").asString()).isEqualTo("pending");
        String applicationId = applied.json().path("applicationId").asString();

        // The bank decides when the bureau answers, and the partner is told by webhook.
        Webhook decided = awaitWebhook(consentId, "credit.application.decided");
        assertSignedByTheBank(decided);
        assertThat(decided.json().path("data").path("status").asString()).isEqualTo("approved");
        SandboxClient.Reply read = checkout.call(gateway, "GET", CREDIT + "/applications/" + applicationId, token,
                null);
        assertThat(read.json().path("status").asString()).isEqualTo("approved");
        BigDecimal merchantBefore = balance(MERCHANT);
        BigDecimal daveBefore = balance("LS-DAVE-CUR");

        JsonNode agreement = accept(token, applicationId);
        String agreementId = agreement.path("agreementId").asString();
        // The merchant pays for the 0 %: it receives the price less its discount fee (4.5 %).
        JsonNode tranche = agreement.path("tranches").get(0);
        assertThat(tranche.path("merchantFee").asString()).isEqualTo("54.00");
        assertThat(balance(MERCHANT).subtract(merchantBefore)).isEqualByComparingTo("1146.00");

        SandboxClient.Reply quote = checkout.call(gateway, "GET", CREDIT + "/agreements/" + agreementId
                + "/early-repayment-quote", token, null);
        assertThat(quote.json().path("total").asString()).isEqualTo("1200.00");
        SandboxClient.Reply repaid = checkout.call(gateway, "POST", CREDIT + "/agreements/" + agreementId
                + "/early-repayments", token, "{\"amount\":\"1200.00\"}");
        assertThat(repaid.status()).as(repaid.body()).isEqualTo(200);
        assertThat(repaid.json().path("status").asString()).isEqualTo("repaid");
        assertThat(daveBefore.subtract(balance("LS-DAVE-CUR"))).isEqualByComparingTo("1200.00");
        assertLedgerBalanced();
        assertSignedByTheBank(awaitWebhook(consentId, "credit.agreement.closed"));
    }

    /** The partner's quote (partner token, no customer): the equal-instalment plan of {@code productId}. */
    private JsonNode quote(String productId, String amount, int months) {
        String url = gateway + CREDIT + "/quotes?amount=" + amount + "&currency=EUR&termMonths=" + months
                + "&productId=" + productId;
        SandboxClient.Reply reply = send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + checkout.partnerToken("products")).GET());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> plans = reply.json().path("data").valueStream()
                .filter(plan -> plan.path("repaymentMethod").asString().equals("ANNUITY")).toList();
        assertThat(plans).hasSize(1);
        JsonNode plan = plans.getFirst();
        BigDecimal principal = plan.path("schedule").valueStream()
                .map(row -> new BigDecimal(row.path("principal").asString())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(principal).as("the schedule repays the amount to the cent").isEqualByComparingTo(amount);
        return plan;
    }

    private String creditConsent() {
        return checkout.newConsent(gateway, "lakeside", "credit", "credit",
                "{\"permissions\":[\"share-application-data\",\"credit-bureau-check\",\"accept-agreement\"]}");
    }

    private String authorise(String customer, String consentId) {
        PartnerApp.Authorization authorization = checkout.pushAuthorizationRequest(consentId, "credit");
        URI back = browsers.computeIfAbsent(customer,
                        name -> new CustomerBrowser(sandbox.settings().issuer(), name, name + "-password"))
                .approve(authorization.authorizeUrl(), List.of());
        assertThat(back.toString()).startsWith(checkout.redirectUri);
        String token = checkout.exchange(authorization, back).accessToken();
        JsonNode claims = SandboxClient.jwtPart(token, 1);
        assertThat(claims.path("sub").asString()).isEqualTo(customer);
        assertThat(claims.path("consent").path("type").asString()).isEqualTo("credit");
        return token;
    }

    private JsonNode accept(String token, String applicationId) {
        SandboxClient.Reply disclosure = checkout.call(gateway, "GET", CREDIT + "/applications/" + applicationId
                + "/disclosure", token, null);
        assertThat(disclosure.status()).as(disclosure.body()).isEqualTo(200);
        assertThat(disclosure.json().path("text").asString()).contains("withdraw");
        SandboxClient.Reply accepted = checkout.call(gateway, "POST", CREDIT + "/applications/" + applicationId
                + "/acceptance", token, "{\"disclosureDigest\":\"" + disclosure.json().path("digest").asString()
                + "\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        return accepted.json();
    }

    private static String application(String productId, String amount, int months, String repaymentAccount,
            String reference) {
        return """
                {"productId":"%s","repaymentMethod":"ANNUITY","amount":"%s","currency":"EUR","termMonths":%d,
                 "merchantAccountId":"%s","repaymentAccountId":"%s","orderReference":"%s",
                 "applicant":{"monthlyNetIncome":"4200.00","monthlyHousingCost":"900.00",
                 "employmentStatus":"EMPLOYED","dependants":1}}"""
                .formatted(productId, amount, months, MERCHANT, repaymentAccount, reference);
    }

    /** The first webhook of {@code type} about {@code consentId}, waiting (bounded) for it to arrive. */
    private Webhook awaitWebhook(String consentId, String type) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Webhook> found = webhooks.stream().filter(hook -> type.equals(hook.json().path("type")
                    .asString()) && consentId.equals(hook.json().path("consentId").asString())).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            LockSupport.parkNanos(POLL.toNanos()); // a poll interval, bounded by the deadline
        }
        throw new AssertionError("no " + type + " webhook for consent " + consentId + " within " + WITHIN
                + "; received: " + webhooks.stream().map(hook -> hook.json().path("type").asString()).toList());
    }

    /** The detached JWS over the exact body verifies with a key auth-server publishes, and the id matches. */
    private void assertSignedByTheBank(Webhook webhook) throws Exception {
        assertThat(webhook.id()).isEqualTo(webhook.json().path("id").asString());
        JWSObject jws = JWSObject.parse(webhook.signature(), new Payload(webhook.body()));
        JWKSet keys = JWKSet.parse(send(HttpRequest.newBuilder(URI.create(sandbox.settings().issuer()
                + "/oauth2/jwks")).GET()).body());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(key).as("the signing key is published").isNotNull();
        assertThat(jws.verify(new RSASSAVerifier(key))).isTrue();
    }

    private BigDecimal balance(String accountId) throws SQLException {
        try (Connection connection = products();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT booked_balance FROM lakeside.account WHERE account_id = ?")) {
            query.setString(1, accountId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("account " + accountId).isTrue();
                return row.getBigDecimal(1);
            }
        }
    }

    /** Every lakeside transaction sums to zero, and every balance is the sum of its entries. */
    private void assertLedgerBalanced() throws SQLException {
        try (Connection connection = products(); var statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM (SELECT transaction_id FROM"
                    + " lakeside.ledger_entry GROUP BY 1 HAVING sum(amount) <> 0) AS t")) {
                rows.next();
                assertThat(rows.getLong(1)).as("unbalanced transactions").isZero();
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM lakeside.account a WHERE"
                    + " a.booked_balance <> COALESCE((SELECT sum(e.amount) FROM lakeside.ledger_entry e"
                    + " WHERE e.account_id = a.account_id), 0)")) {
                rows.next();
                assertThat(rows.getLong(1)).as("balances that are not the sum of their entries").isZero();
            }
        }
    }

    private Connection products() throws SQLException {
        PostgresServer postgres = sandbox.postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(sandbox.settings().database("products")),
                postgres.username(), postgres.password());
    }

    private SandboxClient.Reply send(HttpRequest.Builder request) {
        HttpClient http = contract.httpClientBuilder().build();
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new SandboxClient.Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(SandboxClient.Reply reply, int status, String slug) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problemType()).as(reply.body()).isEqualTo(PROBLEMS + slug);
    }
}
