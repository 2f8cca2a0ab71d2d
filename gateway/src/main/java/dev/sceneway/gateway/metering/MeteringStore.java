package dev.sceneway.gateway.metering;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The metering tables (V2__metering.sql): stores a batch of calls, raw and aggregated, in one transaction, and reads
 * daily usage back. Blocking JDBC: called only by the metering writer's thread and, for the usage API, on a bounded
 * scheduler of its own, never on an event-loop thread.
 */
final class MeteringStore implements CallBatchStore {

    private static final String INSERT_CALLS = """
            INSERT INTO metering_call (occurred_at, partner, bank, product, operation, status, latency_micros,
                                       interaction_id)
            SELECT c.at::timestamptz, c.partner, c.bank, c.product, c.operation, c.status::smallint, c.latency,
                   c.interaction
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[], ?::text[])
                 AS c(at, partner, bank, product, operation, status, latency, interaction)
            """;

    /** Adds a batch's counts to the day's row; the histograms are added bucket by bucket, in bucket order. */
    private static final String UPSERT_DAILY = """
            INSERT INTO metering_daily AS d (day, partner, bank, product, operation, calls, client_errors,
                                             server_errors, latency_buckets)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (partner, bank, day, product, operation) DO UPDATE SET
                calls = d.calls + EXCLUDED.calls,
                client_errors = d.client_errors + EXCLUDED.client_errors,
                server_errors = d.server_errors + EXCLUDED.server_errors,
                latency_buckets = ARRAY(SELECT o + n
                                        FROM unnest(d.latency_buckets, EXCLUDED.latency_buckets)
                                             WITH ORDINALITY AS b(o, n, i)
                                        ORDER BY i)
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    MeteringStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Stores the calls and adds them to their days' aggregates, all or nothing. */
    @Override
    public void store(List<CallRecord> calls) {
        if (calls.isEmpty()) {
            return;
        }
        // Rows in key order: two replicas upserting overlapping keys lock them in the same order (no deadlock).
        List<Map.Entry<DailyKey, DailyCounts>> daily = new ArrayList<>(aggregate(calls).entrySet());
        transactions.executeWithoutResult(status -> {
            jdbc.update(connection -> insertCalls(connection, calls));
            jdbc.batchUpdate(UPSERT_DAILY, daily, daily.size(), (statement, row) -> {
                DailyKey key = row.getKey();
                DailyCounts counts = row.getValue();
                statement.setObject(1, key.day());
                statement.setString(2, key.partner());
                statement.setString(3, key.bank());
                statement.setString(4, key.product());
                statement.setString(5, key.operation());
                statement.setLong(6, counts.calls);
                statement.setLong(7, counts.clientErrors);
                statement.setLong(8, counts.serverErrors);
                statement.setArray(9, statement.getConnection().createArrayOf("bigint", boxed(counts.buckets)));
            });
        });
    }

    private static PreparedStatement insertCalls(Connection connection, List<CallRecord> calls) throws SQLException {
        int n = calls.size();
        String[] at = new String[n];
        String[] partner = new String[n];
        String[] bank = new String[n];
        String[] product = new String[n];
        String[] operation = new String[n];
        Integer[] status = new Integer[n];
        Long[] latency = new Long[n];
        String[] interaction = new String[n];
        for (int i = 0; i < n; i++) {
            CallRecord call = calls.get(i);
            at[i] = call.at().truncatedTo(ChronoUnit.MICROS).toString();
            partner[i] = call.partner();
            bank[i] = call.bank();
            product[i] = call.product();
            operation[i] = call.operation();
            status[i] = call.status();
            latency[i] = call.latencyMicros();
            interaction[i] = call.interactionId();
        }
        PreparedStatement statement = connection.prepareStatement(INSERT_CALLS);
        Array[] columns = {connection.createArrayOf("text", at), connection.createArrayOf("text", partner),
                connection.createArrayOf("text", bank), connection.createArrayOf("text", product),
                connection.createArrayOf("text", operation), connection.createArrayOf("int4", status),
                connection.createArrayOf("int8", latency), connection.createArrayOf("text", interaction)};
        for (int i = 0; i < columns.length; i++) {
            statement.setArray(i + 1, columns[i]);
        }
        return statement;
    }

    static Map<DailyKey, DailyCounts> aggregate(List<CallRecord> calls) {
        Map<DailyKey, DailyCounts> daily = new TreeMap<>(DailyKey.ORDER);
        for (CallRecord call : calls) {
            DailyKey key = new DailyKey(LocalDate.ofInstant(call.at(), ZoneOffset.UTC), call.partner(), call.bank(),
                    call.product(), call.operation());
            daily.computeIfAbsent(key, k -> new DailyCounts()).add(call);
        }
        return daily;
    }

    /**
     * Usage per day for {@code [from, to]}, filtered by partner and/or bank when given; only days with calls.
     */
    List<DailyUsage> usage(@Nullable String partner, @Nullable String bank, LocalDate from, LocalDate to) {
        List<Object> args = new ArrayList<>(List.of(from, to));
        StringBuilder where = new StringBuilder(" WHERE d.day BETWEEN ? AND ?");
        if (partner != null) {
            where.append(" AND d.partner = ?");
            args.add(partner);
        }
        if (bank != null) {
            where.append(" AND d.bank = ?");
            args.add(bank);
        }
        Map<LocalDate, DailyUsage.Builder> days = new TreeMap<>();
        jdbc.query("SELECT d.day, sum(d.calls), sum(d.client_errors), sum(d.server_errors) FROM metering_daily d"
                        + where + " GROUP BY d.day",
                row -> {
                    days.put(row.getObject(1, LocalDate.class), new DailyUsage.Builder(row.getObject(1, LocalDate.class),
                            row.getLong(2), row.getLong(3), row.getLong(4)));
                }, args.toArray());
        jdbc.query("SELECT d.day, b.i, sum(b.n) FROM metering_daily d"
                        + " CROSS JOIN LATERAL unnest(d.latency_buckets) WITH ORDINALITY AS b(n, i)"
                        + where + " AND b.n > 0 GROUP BY d.day, b.i",
                row -> {
                    DailyUsage.Builder day = days.get(row.getObject(1, LocalDate.class));
                    int bucket = row.getInt(2) - 1;
                    if (day != null && bucket >= 0 && bucket < LatencyHistogram.BUCKETS) {
                        day.buckets()[bucket] += row.getLong(3);
                    }
                }, args.toArray());
        return days.values().stream().map(DailyUsage.Builder::build).toList();
    }

    private static Long[] boxed(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    /** One row of metering_daily's key. */
    record DailyKey(LocalDate day, String partner, String bank, String product, String operation) {

        static final Comparator<DailyKey> ORDER = Comparator.comparing(DailyKey::partner)
                .thenComparing(DailyKey::bank)
                .thenComparing(DailyKey::day)
                .thenComparing(DailyKey::product)
                .thenComparing(DailyKey::operation);
    }

    /** A batch's contribution to one metering_daily row. */
    static final class DailyCounts {

        long calls;
        long clientErrors;
        long serverErrors;
        final long[] buckets = new long[LatencyHistogram.BUCKETS];

        void add(CallRecord call) {
            calls++;
            if (call.clientError()) {
                clientErrors++;
            } else if (call.serverError()) {
                serverErrors++;
            }
            buckets[LatencyHistogram.bucketOf(call.latencyMicros())]++;
        }
    }

    /**
     * One day of usage: calls, errors (4xx and 5xx) and the latency histogram of those calls.
     */
    record DailyUsage(LocalDate day, long calls, long clientErrors, long serverErrors, long[] buckets) {

        long errors() {
            return clientErrors + serverErrors;
        }

        /** p95 latency in microseconds (see {@link LatencyHistogram} for its accuracy), -1 without calls. */
        long p95Micros() {
            return LatencyHistogram.percentileMicros(buckets, 0.95);
        }

        record Builder(LocalDate day, long calls, long clientErrors, long serverErrors, long[] buckets) {

            Builder(LocalDate day, long calls, long clientErrors, long serverErrors) {
                this(day, calls, clientErrors, serverErrors, new long[LatencyHistogram.BUCKETS]);
            }

            DailyUsage build() {
                return new DailyUsage(day, calls, clientErrors, serverErrors, buckets);
            }
        }
    }

    /** For tests and the shutdown log: the number of raw call rows. */
    long countCalls() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM metering_call", Long.class);
        return count == null ? 0 : count;
    }
}
