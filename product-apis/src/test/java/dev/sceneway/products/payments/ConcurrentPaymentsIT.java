package dev.sceneway.products.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.sceneway.products.ledger.Ledger;
import dev.sceneway.products.support.LakesideInstanceTest;
import dev.sceneway.products.support.TestHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The same payment submitted 50 times at once over real HTTP with one idempotency key (a partner's retries racing,
 * the gateway's store lost): one payment, one booking, the same payment id in every answer.
 */
class ConcurrentPaymentsIT extends LakesideInstanceTest {

    private static final int SUBMISSIONS = 50;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Test
    void fiftyIdenticalSubmissionsWhenConcurrentThenOnePaymentAndEveryAnswerNamesIt() throws Exception {
        PaymentFixtures payer = new PaymentFixtures(jdbc, ledger, "100.00");
        String token = payer.consent("30.00", "ORDER-RACE").sign();
        String key = UUID.randomUUID().toString();
        String body = payer.body("30.00", "ORDER-RACE");
        CountDownLatch start = new CountDownLatch(1);

        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(SUBMISSIONS)) {
            Callable<HttpResponse<String>> submit = () -> {
                start.await();
                return TestHttp.postJson(port, PaymentsApiIT.PAYMENTS, body,
                        "Authorization", "Bearer " + token, "x-idempotency-key", key);
            };
            for (int i = 0; i < SUBMISSIONS; i++) {
                answers.add(pool.submit(submit));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                ids.add(JsonPath.read(response.body(), "$.paymentId"));
            }
            assertThat(ids).hasSize(1);
        }

        assertThat(payer.entries(payer.merchant)).isOne();
        assertThat(payer.balance(payer.debtor)).isEqualByComparingTo("70.00");
        assertThat(jdbc.sql("SELECT count(*) FROM payment WHERE partner = 'renovation-demo' AND idempotency_key = :key")
                .param("key", key).query(Integer.class).single()).isOne();
    }
}
