package dev.sceneway.products.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.products.support.LakesideInstanceTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many threads move money between a few accounts at once, in both directions, on a real PostgreSQL: the locks must
 * keep every invariant (no deadlock, no lost update, no balance beyond its overdraft, the total conserved).
 */
class LedgerConcurrencyIT extends LakesideInstanceTest {

    private static final int THREADS = 8;
    private static final int TRANSFERS_PER_THREAD = 200;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentTransfersWhenManyThreadsShareFewAccountsThenTotalsAreConservedAndNoUpdateIsLost() throws Exception {
        TestLedgerAccounts accounts = new TestLedgerAccounts(jdbc, ledger, "EUR");
        List<String> ids = List.of(
                accounts.customerAccount("A", "EUR", "500.00", "0.00"),
                accounts.customerAccount("B", "EUR", "500.00", "100.00"),
                accounts.customerAccount("C", "EUR", "500.00", "0.00"),
                accounts.customerAccount("D", "EUR", "500.00", "250.00"));
        Map<String, BigDecimal> overdrafts = Map.of(ids.get(0), BigDecimal.ZERO, ids.get(1), new BigDecimal("100.00"),
                ids.get(2), BigDecimal.ZERO, ids.get(3), new BigDecimal("250.00"));
        // What each account should hold: the opening plus every booking that the ledger accepted.
        Map<String, BigDecimal> expected = new ConcurrentHashMap<>();
        ids.forEach(id -> expected.put(id, new BigDecimal("500.00")));
        AtomicInteger booked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);

        List<Future<?>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                SplittableRandom random = new SplittableRandom(42 + t);
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < TRANSFERS_PER_THREAD; i++) {
                        String from = ids.get(random.nextInt(ids.size()));
                        String to = ids.get(random.nextInt(ids.size()));
                        if (from.equals(to)) {
                            to = ids.get((ids.indexOf(from) + 1) % ids.size());
                        }
                        BigDecimal amount = BigDecimal.valueOf(random.nextInt(1, 30_000), 2);
                        try {
                            ledger.book(NewTransaction.transfer(java.util.UUID.randomUUID(), "transfer",
                                    "Concurrent transfer", Instant.now(), from, to, amount));
                            expected.merge(from, amount.negate(), BigDecimal::add);
                            expected.merge(to, amount, BigDecimal::add);
                            booked.incrementAndGet();
                        } catch (LedgerException.InsufficientFunds ex) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS); // a deadlock or any other failure surfaces here
            }
        }

        assertThat(booked.get() + refused.get()).isEqualTo(THREADS * TRANSFERS_PER_THREAD);
        assertThat(booked.get()).as("transfers booked").isGreaterThan(THREADS * TRANSFERS_PER_THREAD / 2);
        BigDecimal total = BigDecimal.ZERO;
        for (String id : ids) {
            BigDecimal balance = accounts.balance(id);
            total = total.add(balance);
            assertThat(balance).as("balance of %s vs the accepted bookings", id).isEqualByComparingTo(expected.get(id));
            assertThat(balance).as("balance of %s vs its entries", id).isEqualByComparingTo(accounts.sumOfEntries(id));
            assertThat(balance).as("balance of %s vs its overdraft", id)
                    .isGreaterThanOrEqualTo(overdrafts.get(id).negate());
            assertThat(accounts.version(id)).as("bookings counted on %s", id).isEqualTo(accounts.entries(id));
        }
        assertThat(total).as("money in the four accounts").isEqualByComparingTo("2000.00");
        assertThat(accounts.transactionsTouching(ids)).isEqualTo(4 + booked.get());
    }
}
