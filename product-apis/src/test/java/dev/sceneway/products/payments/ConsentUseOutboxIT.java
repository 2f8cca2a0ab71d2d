package dev.sceneway.products.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.sceneway.infra.Infrastructure;
import dev.sceneway.products.bank.BankProperties;
import dev.sceneway.products.ledger.Ledger;
import dev.sceneway.products.support.ConsentTokens;
import dev.sceneway.products.support.LakesideInstanceTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The consent-use outbox: a use whose report fails (Redis unreachable) stays in the table; a later round reports it. */
class ConsentUseOutboxIT extends LakesideInstanceTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    PaymentsProperties properties;

    @Autowired
    BankProperties bank;

    @Autowired
    ConsentUseReporter reporter;

    /**
     * All of it in one database transaction, which the payment (MockMvc runs on this thread) and both relay rounds
     * join: until it commits, the row is invisible to the relays of other test contexts sharing the schema, so no one
     * else can report it first.
     */
    @Test
    void reportWhenRedisIsUnreachableThenTheUseStaysInTheOutboxAndALaterRoundReportsIt() {
        PaymentFixtures payer = new PaymentFixtures(jdbc, ledger, "50.00");
        ConsentTokens.Builder consent = payer.consent("5.00", "ORDER-OUTBOX");

        transactions.executeWithoutResult(transaction -> {
            try {
                mvc.perform(post(PaymentsApiIT.PAYMENTS).header(HttpHeaders.AUTHORIZATION, bearer(consent.sign()))
                                .header("x-idempotency-key", UUID.randomUUID().toString())
                                .contentType(MediaType.APPLICATION_JSON).content(payer.body("5.00", "ORDER-OUTBOX")))
                        .andExpect(status().isCreated());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }

            LettuceConnectionFactory unreachable = unreachableRedis();
            try {
                assertThat(new ConsentUseReporter(jdbc, transactions, new StringRedisTemplate(unreachable), properties,
                        bank).reportPending()).isZero();
            } finally {
                unreachable.destroy();
            }
            assertThat(reported(consent.consentId())).isFalse();

            assertThat(reporter.reportPending()).isPositive();
            assertThat(reported(consent.consentId())).isTrue();
        });

        assertThat(reported(consent.consentId())).isTrue();
        assertThat(redis.opsForStream().range(properties.consentEvents(), Range.unbounded()))
                .anySatisfy(event -> assertThat(event.getValue()).containsEntry("consentId", consent.consentId()));
    }

    private static LettuceConnectionFactory unreachableRedis() {
        LettuceConnectionFactory unreachable = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", Infrastructure.freePort()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(300)).build());
        unreachable.afterPropertiesSet();
        unreachable.start();
        return unreachable;
    }

    private boolean reported(String consentId) {
        return jdbc.sql("SELECT reported_at IS NOT NULL FROM consent_use WHERE consent_id = :id")
                .param("id", consentId).query(Boolean.class).single();
    }
}
