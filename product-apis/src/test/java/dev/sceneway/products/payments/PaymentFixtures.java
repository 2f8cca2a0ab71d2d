package dev.sceneway.products.payments;

import dev.sceneway.products.ledger.Ledger;
import dev.sceneway.products.ledger.NewTransaction;
import dev.sceneway.products.support.ConsentTokens;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A payer of a test's own at lakeside (a customer with one funded current account) and a merchant to pay, so payment
 * tests never change the sandbox customers' balances that other tests read.
 */
final class PaymentFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final String customer;
    final String debtor;
    final String merchant;
    private final JdbcClient jdbc;
    private final Ledger ledger;

    PaymentFixtures(JdbcClient jdbc, Ledger ledger, String opening) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        String suffix = Long.toString(System.nanoTime(), 36).toUpperCase() + SEQUENCE.incrementAndGet();
        this.customer = "payer" + suffix.toLowerCase();
        this.debtor = "P" + suffix + "-CUR";
        this.merchant = "P" + suffix + "-SHOP";
        insert(debtor, "customer", customer, "current", "Current account");
        insert(merchant, "merchant", "shop-" + suffix.toLowerCase(), "merchant", "Test shop");
        fund(opening);
    }

    void fund(String amount) {
        ledger.book(NewTransaction.transfer(UUID.randomUUID(), "opening-balance", "Funding", Instant.now(),
                "LS-BANK-CLEARING", debtor, new BigDecimal(amount)));
    }

    /** A payment consent of this payer for {@code amount} EUR to the merchant, reference {@code reference}. */
    ConsentTokens.Builder consent(String amount, String reference) {
        return ConsentTokens.payment(customer, "lakeside").accounts(debtor).payment(Map.of("amount", amount,
                "currency", "EUR", "creditorAccount", merchant, "creditorName", "Test shop", "reference", reference));
    }

    String body(String amount, String reference) {
        return body(debtor, merchant, amount, reference);
    }

    static String body(String debtor, String creditor, String amount, String reference) {
        return """
                {"debtorAccount":"%s","creditorAccount":"%s","amount":"%s","currency":"EUR","reference":"%s"}"""
                .formatted(debtor, creditor, amount, reference);
    }

    BigDecimal balance(String account) {
        return jdbc.sql("SELECT booked_balance FROM account WHERE account_id = :id").param("id", account)
                .query(BigDecimal.class).single();
    }

    int entries(String account) {
        return jdbc.sql("SELECT count(*) FROM ledger_entry WHERE account_id = :id").param("id", account)
                .query(Integer.class).single();
    }

    private void insert(String id, String ownerType, String owner, String kind, String name) {
        jdbc.sql("""
                        INSERT INTO account (account_id, owner_type, owner_id, kind, name, currency, overdraft_limit,
                                             opened_on)
                        VALUES (:id, :ownerType, :owner, :kind, :name, 'EUR', 0.00, :openedOn)""")
                .param("id", id).param("ownerType", ownerType).param("owner", owner).param("kind", kind)
                .param("name", name).param("openedOn", LocalDate.now())
                .update();
    }
}
