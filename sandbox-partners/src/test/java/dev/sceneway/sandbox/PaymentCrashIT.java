package dev.sceneway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sceneway.infra.Infrastructure;
import dev.sceneway.infra.RedisServerHandle;
import dev.sceneway.infra.SharedTestInfrastructure;
import dev.sceneway.testing.TestTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Money never moves twice, even when the bank's service dies in the middle of a payment: product-apis (its real jar,
 * a separate JVM) is SIGKILLed while the payment's database transaction is half done (held on the debtor's account
 * lock by this test), started again, and the partner retries with the same idempotency key: exactly one payment,
 * one use of the consent, one ledger booking, balances equal to their entries. A retry after a completed payment and
 * a restart gets the same payment back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentCrashIT {

    private static final String BANK = "lakeside";
    private static final Duration START = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final SandboxSettings.Ports ports = new SandboxSettings.Ports(Infrastructure.freePort(),
            Infrastructure.freePort());
    private Path home;
    private HttpServer jwks;
    private String issuer;
    private String databaseUrl;
    private ServiceProcess service;

    @BeforeAll
    void startTheBankService() throws Exception {
        home = Path.of(System.getProperty("sceneway.home", "..")).toAbsolutePath().normalize();
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] keys = TestTokens.publicJwks().toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwks.start();
        issuer = "http://127.0.0.1:" + jwks.getAddress().getPort();
        databaseUrl = SharedTestInfrastructure.freshDatabase("payment_crash");
        start();
        sql("""
                INSERT INTO account (account_id, owner_type, owner_id, kind, name, currency, overdraft_limit,
                                     booked_balance, opened_on)
                VALUES ('CRASH-CLEARING', 'bank', 'lakeside', 'internal', 'Clearing', 'EUR', NULL, -100.00, current_date),
                       ('CRASH-PAYER', 'customer', 'carol', 'current', 'Current account', 'EUR', 0, 100.00, current_date),
                       ('CRASH-SHOP', 'merchant', 'crash-shop', 'merchant', 'Shop', 'EUR', 0, 0, current_date);
                INSERT INTO ledger_transaction (transaction_id, kind, description, booked_at)
                VALUES ('00000000-0000-0000-0000-00000000c0de', 'opening-balance', 'Opening', now());
                INSERT INTO ledger_entry (transaction_id, account_id, currency, amount, booked_at)
                VALUES ('00000000-0000-0000-0000-00000000c0de', 'CRASH-PAYER', 'EUR', 100.00, now()),
                       ('00000000-0000-0000-0000-00000000c0de', 'CRASH-CLEARING', 'EUR', -100.00, now());""");
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    @Test
    void aPaymentCutOffByAKilledServiceIsMadeExactlyOnceByTheRetry() throws Exception {
        Payment payment = new Payment("ORDER-KILLED", "12.50");
        CompletableFuture<HttpResponse<String>> cutOff;
        try (Connection lock = connection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("SELECT 1 FROM lakeside.account WHERE account_id = 'CRASH-PAYER' FOR UPDATE");
            }
            cutOff = http.sendAsync(payment.request(), HttpResponse.BodyHandlers.ofString());
            awaitPaymentWaitingOnTheLock();
            service.kill();
            lock.rollback();
        }
        assertThat(cutOff).failsWithin(Duration.ofSeconds(10));
        awaitNoTransactionOfTheDeadService();
        assertThat(count("SELECT count(*) FROM payment")).as("nothing of the cut-off payment").isZero();
        assertThat(count("SELECT count(*) FROM consent_use")).isZero();

        start();
        HttpResponse<String> retried = http.send(payment.request(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = http.send(payment.request(), HttpResponse.BodyHandlers.ofString());

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        String paymentId = json(retried).path("paymentId").asString();
        assertThat(json(again).path("paymentId").asString()).isEqualTo(paymentId);
        assertThat(json(retried).path("status").asString()).isEqualTo("completed");
        assertOnePaymentPerConsentAndABalancedLedger();
    }

    @Test
    void aRetryAfterACompletedPaymentAndARestartGetsTheSamePayment() throws Exception {
        Payment payment = new Payment("ORDER-DONE", "5.00");
        HttpResponse<String> first = http.send(payment.request(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

        service.kill();
        start();
        HttpResponse<String> retried = http.send(payment.request(), HttpResponse.BodyHandlers.ofString());

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(json(retried).path("paymentId").asString()).isEqualTo(json(first).path("paymentId").asString());
        assertOnePaymentPerConsentAndABalancedLedger();
    }

    private void assertOnePaymentPerConsentAndABalancedLedger() throws SQLException {
        long payments = count("SELECT count(*) FROM payment WHERE status = 'completed'");
        assertThat(count("SELECT count(DISTINCT consent_id) FROM payment")).isEqualTo(payments);
        assertThat(count("SELECT count(*) FROM consent_use")).isEqualTo(payments);
        assertThat(count("SELECT count(*) FROM ledger_transaction WHERE kind = 'payment'")).isEqualTo(payments);
        assertThat(count("""
                SELECT count(*) FROM account a
                LEFT JOIN (SELECT account_id, sum(amount) AS s FROM ledger_entry GROUP BY 1) e USING (account_id)
                WHERE a.booked_balance <> coalesce(e.s, 0)""")).as("balances equal to their entries").isZero();
        assertThat(count("SELECT count(*) FROM (SELECT transaction_id FROM ledger_entry GROUP BY 1"
                + " HAVING sum(amount) <> 0) AS t")).as("balanced transactions").isZero();
        assertThat(count("SELECT sum(booked_balance) * 100 FROM account")).as("money conserved").isZero();
    }

    /** One partner request: its own consent (single use) and idempotency key, the same on every retry. */
    private final class Payment {

        private final String token;
        private final String body;
        private final String key = "crash-" + UUID.randomUUID().toString().replace("-", "");

        Payment(String reference, String amount) {
            token = TestTokens.token(issuer, "crash-partner").scope("payments").subject("carol")
                    .claim("consent_id", UUID.randomUUID().toString())
                    .claim("consent", Map.of("type", "payment", "bank", BANK, "permissions", List.of(),
                            "accounts", List.of("CRASH-PAYER"), "payment", Map.of("amount", amount, "currency", "EUR",
                                    "creditorAccount", "CRASH-SHOP", "creditorName", "Shop", "reference", reference)))
                    .sign();
            body = """
                    {"debtorAccount":"CRASH-PAYER","creditorAccount":"CRASH-SHOP","amount":"%s","currency":"EUR",\
                    "reference":"%s"}""".formatted(amount, reference);
        }

        HttpRequest request() {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.server() + "/v1/banks/" + BANK
                            + "/payments"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("x-idempotency-key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }
    }

    private void start() throws InterruptedException {
        RedisServerHandle redis = SharedTestInfrastructure.redis();
        service = ServiceProcess.start("product-apis-crash", home.resolve("product-apis/target/product-apis.jar"),
                SandboxSettings.DEFAULT_JVM_OPTIONS, List.of(
                        "--server.port=" + ports.server(), "--management.server.port=" + ports.management(),
                        "--sceneway.bank.id=" + BANK, "--sceneway.bank.name=Crash test bank",
                        // every bank configures its credit book; this test makes no credit call, so no bureau answers
                        "--sceneway.credit.account-prefix=CRASH", "--sceneway.credit.bureau.url=http://127.0.0.1:9",
                        "--sceneway.security.issuer=" + issuer, "--sceneway.security.jwk-set-uri=" + issuer + "/jwks",
                        "--spring.datasource.url=" + databaseUrl,
                        "--spring.datasource.username=" + SharedTestInfrastructure.postgres().username(),
                        "--spring.datasource.password=" + SharedTestInfrastructure.postgres().password(),
                        "--spring.datasource.hikari.maximum-pool-size=4",
                        "--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port()),
                ports.management(), home.resolve("sandbox-partners/target/payment-crash-it/product-apis.log"));
        service.awaitHealthy(Instant.now().plus(START));
    }

    /** Until a backend of the service waits for the row lock this test holds (bounded). */
    private void awaitPaymentWaitingOnTheLock() throws SQLException {
        awaitCount("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'", 1);
    }

    /** Until PostgreSQL has rolled back what the killed service left open (its connections are gone). */
    private void awaitNoTransactionOfTheDeadService() throws SQLException {
        awaitCount("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid()", 0);
    }

    private void awaitCount(String query, long expected) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (count(query) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + query + " = " + expected);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // a poll interval, bounded by the deadline
        }
    }

    private long count(String query) throws SQLException {
        try (Connection connection = connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void sql(String statements) throws SQLException {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute(statements);
            connection.commit();
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = DriverManager.getConnection(databaseUrl,
                SharedTestInfrastructure.postgres().username(), SharedTestInfrastructure.postgres().password());
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + BANK);
        }
        return connection;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return SandboxClient.JSON.readTree(response.body());
    }
}
