package dev.sceneway.gateway.tenancy;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tenancy tables ({@code V1__tenancy.sql}). Blocking JDBC: called only from the refresh thread, at startup and
 * by the admin API on a bounded-elastic thread, never on a partner's request.
 */
@Component
public class TenancyStore {

    private final JdbcClient jdbc;

    TenancyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    TenancySnapshot load() {
        Map<String, BankRoute> banks = new HashMap<>();
        for (BankRoute bank : banks()) {
            banks.put(bank.id(), bank);
        }
        Map<String, Plan> plans = new HashMap<>();
        jdbc.sql("""
                select partner_id, bank_id, capacity, refill_per_second, daily_quota, monthly_quota
                from partner_plan where active""")
                .query((rs, row) -> {
                    plans.put(TenancySnapshot.key(rs.getString("partner_id"), rs.getString("bank_id")), plan(rs));
                    return null;
                })
                .list();
        return new TenancySnapshot(banks, plans);
    }

    public List<BankRoute> banks() {
        return jdbc.sql("select * from bank order by id").query((rs, row) -> bank(rs)).list();
    }

    public Optional<BankRoute> bank(String id) {
        return jdbc.sql("select * from bank where id = ?").param(id).query((rs, row) -> bank(rs)).optional();
    }

    /** Inserts or replaces a bank and its route. */
    public void saveBank(BankRoute bank) {
        jdbc.sql("""
                insert into bank (id, upstream_uri, response_timeout_ms, read_failure_policy)
                values (:id, :uri, :timeout, :policy)
                on conflict (id) do update set upstream_uri = excluded.upstream_uri,
                    response_timeout_ms = excluded.response_timeout_ms,
                    read_failure_policy = excluded.read_failure_policy, updated_at = now()""")
                .param("id", bank.id())
                .param("uri", bank.uri().toString())
                .param("timeout", bank.responseTimeout() == null ? null : Math.toIntExact(bank.responseTimeout().toMillis()))
                .param("policy", bank.readFailurePolicy().wireName())
                .update();
    }

    /** Deletes a bank with its plans; false when there was none. */
    public boolean deleteBank(String id) {
        return jdbc.sql("delete from bank where id = ?").param(id).update() > 0;
    }

    public List<StoredPlan> plans(String partner) {
        return jdbc.sql("select * from partner_plan where partner_id = ? order by bank_id").param(partner)
                .query((rs, row) -> storedPlan(rs)).list();
    }

    public Optional<StoredPlan> plan(String partner, String bankId) {
        return jdbc.sql("select * from partner_plan where partner_id = ? and bank_id = ?").params(partner, bankId)
                .query((rs, row) -> storedPlan(rs)).optional();
    }

    /** Inserts or replaces a partner's plan at a bank; the bank must exist. */
    public void savePlan(String partner, String bankId, Plan plan, boolean active) {
        jdbc.sql("""
                insert into partner_plan (partner_id, bank_id, capacity, refill_per_second, daily_quota, monthly_quota,
                    active)
                values (:partner, :bank, :capacity, :refill, :daily, :monthly, :active)
                on conflict (partner_id, bank_id) do update set capacity = excluded.capacity,
                    refill_per_second = excluded.refill_per_second, daily_quota = excluded.daily_quota,
                    monthly_quota = excluded.monthly_quota, active = excluded.active, updated_at = now()""")
                .params(planParams(partner, bankId, plan, active))
                .update();
    }

    /** Inserts a plan unless the partner already has one (active or not) at that bank. */
    void seedPlan(String partner, String bankId, Plan plan) {
        jdbc.sql("""
                insert into partner_plan (partner_id, bank_id, capacity, refill_per_second, daily_quota, monthly_quota,
                    active)
                values (:partner, :bank, :capacity, :refill, :daily, :monthly, :active)
                on conflict (partner_id, bank_id) do nothing""")
                .params(planParams(partner, bankId, plan, true))
                .update();
    }

    public boolean deletePlan(String partner, String bankId) {
        return jdbc.sql("delete from partner_plan where partner_id = ? and bank_id = ?").params(partner, bankId)
                .update() > 0;
    }

    private static Map<String, Object> planParams(String partner, String bankId, Plan plan, boolean active) {
        return Map.of("partner", partner, "bank", bankId, "capacity", plan.capacity(),
                "refill", plan.refillPerSecond(), "daily", plan.dailyQuota(), "monthly", plan.monthlyQuota(),
                "active", active);
    }

    private static BankRoute bank(ResultSet rs) throws SQLException {
        int timeoutMs = rs.getInt("response_timeout_ms");
        @Nullable Duration timeout = rs.wasNull() ? null : Duration.ofMillis(timeoutMs);
        return new BankRoute(rs.getString("id"), URI.create(rs.getString("upstream_uri")), timeout,
                FailurePolicy.fromWireName(rs.getString("read_failure_policy")));
    }

    private static Plan plan(ResultSet rs) throws SQLException {
        return new Plan(rs.getInt("capacity"), rs.getInt("refill_per_second"), rs.getLong("daily_quota"),
                rs.getLong("monthly_quota"));
    }

    private static StoredPlan storedPlan(ResultSet rs) throws SQLException {
        return new StoredPlan(rs.getString("partner_id"), rs.getString("bank_id"), plan(rs), rs.getBoolean("active"));
    }

    /** A row of {@code partner_plan}. */
    public record StoredPlan(String partner, String bankId, Plan plan, boolean active) {
    }
}
