package dev.sceneway.products.credit.application;

import dev.sceneway.products.credit.application.ApplicationRecord.Applicant;
import dev.sceneway.products.credit.application.ApplicationRecord.RequestedTranche;
import dev.sceneway.products.credit.application.ApplicationRecord.Status;
import dev.sceneway.products.credit.application.ApplicationRecord.Terms;
import dev.sceneway.products.credit.catalogue.RepaymentMethod;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code credit_application} table and its tranches. */
@Repository
public class ApplicationRepository {

    private static final String SELECT = """
            SELECT a.*, p.name AS product_name FROM credit_application a
            JOIN credit_product p ON p.product_id = a.product_id""";

    private final JdbcClient jdbc;

    ApplicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the application as {@code pending} unless this partner already used {@code idempotencyKey}; false
     * then (the caller replays the first). {@code retryAt}: when a background retry may ask the bureau, should this
     * request die before deciding.
     */
    boolean claim(ApplicationRecord application, String idempotencyKey, Instant retryAt) {
        int inserted = jdbc.sql("""
                        INSERT INTO credit_application (application_id, partner, idempotency_key, request_hash,
                            consent_id, customer, product_id, repayment_method, amount, currency, term_months,
                            merchant_account_id, repayment_account_id, order_reference, monthly_net_income,
                            monthly_housing_cost, employment_status, dependants, status, next_bureau_attempt_at,
                            created_at)
                        VALUES (:id, :partner, :key, :hash, :consent, :customer, :product, :method, :amount,
                            :currency, :term, :merchant, :repayment, :reference, :income, :housing, :employment,
                            :dependants, 'pending', :retryAt, :createdAt)
                        ON CONFLICT (partner, idempotency_key) DO NOTHING""")
                .param("id", application.applicationId()).param("partner", application.partner())
                .param("key", idempotencyKey).param("hash", application.requestHash())
                .param("consent", application.consentId()).param("customer", application.customer())
                .param("product", application.productId()).param("method", application.repaymentMethod().name())
                .param("amount", application.amount()).param("currency", application.currency().getCurrencyCode())
                .param("term", application.termMonths()).param("merchant", application.merchantAccountId())
                .param("repayment", application.repaymentAccountId())
                .param("reference", application.orderReference())
                .param("income", application.applicant().monthlyNetIncome())
                .param("housing", application.applicant().monthlyHousingCost())
                .param("employment", application.applicant().employmentStatus())
                .param("dependants", application.applicant().dependants())
                .param("retryAt", Timestamp.from(retryAt)).param("createdAt", Timestamp.from(application.createdAt()))
                .update();
        if (inserted == 0) {
            return false;
        }
        for (RequestedTranche tranche : application.tranches()) {
            jdbc.sql("""
                            INSERT INTO credit_application_tranche (application_id, number, milestone, amount)
                            VALUES (:id, :number, :milestone, :amount)""")
                    .param("id", application.applicationId()).param("number", tranche.number())
                    .param("milestone", tranche.milestone()).param("amount", tranche.amount())
                    .update();
        }
        return true;
    }

    public Optional<ApplicationRecord> find(UUID applicationId) {
        return jdbc.sql(SELECT + " WHERE a.application_id = :id").param("id", applicationId)
                .query(this::map).optional();
    }

    /** The row locked for an update in the caller's transaction. */
    public Optional<ApplicationRecord> lock(UUID applicationId) {
        Optional<UUID> locked = jdbc.sql("SELECT application_id FROM credit_application WHERE application_id = :id"
                        + " FOR UPDATE")
                .param("id", applicationId).query(UUID.class).optional();
        return locked.flatMap(this::find);
    }

    Optional<ApplicationRecord> findByKey(String partner, String idempotencyKey) {
        return jdbc.sql(SELECT + " WHERE a.partner = :partner AND a.idempotency_key = :key")
                .param("partner", partner).param("key", idempotencyKey).query(this::map).optional();
    }

    /**
     * pending → approved / referred / declined, only from pending (false when another request or the retry job
     * decided first). Approved applications get the offer's terms and validity.
     */
    boolean decide(UUID applicationId, Status status, List<String> reasons, @Nullable Terms terms,
            @Nullable Instant validUntil, Instant now) {
        return jdbc.sql("""
                        UPDATE credit_application SET status = :status, decline_reasons = :reasons,
                            nominal_rate_percent = :rate, arrangement_fee = :fee, merchant_discount_percent = :discount,
                            offer_valid_until = :validUntil, decided_at = :now, next_bureau_attempt_at = NULL
                        WHERE application_id = :id AND status = 'pending'""")
                .param("status", status.wireName()).param("reasons", reasons.toArray(String[]::new))
                .param("rate", terms == null ? null : terms.nominalAnnualRatePercent())
                .param("fee", terms == null ? null : terms.arrangementFee())
                .param("discount", terms == null ? null : terms.merchantDiscountPercent())
                .param("validUntil", validUntil == null ? null : Timestamp.from(validUntil))
                .param("now", Timestamp.from(now)).param("id", applicationId)
                .update() == 1;
    }

    /** approved → accepted, in the acceptance's transaction (the row is locked there). */
    public void markAccepted(UUID applicationId) {
        int updated = jdbc.sql("""
                        UPDATE credit_application SET status = 'accepted'
                        WHERE application_id = :id AND status = 'approved'""")
                .param("id", applicationId).update();
        if (updated != 1) {
            throw new IllegalStateException("application " + applicationId + " was not approved when accepted");
        }
    }

    /**
     * Claims up to {@code limit} pending applications whose retry is due by pushing their next attempt to
     * {@code leaseUntil}: another replica skips them meanwhile, and a replica that dies leaves them to the next.
     */
    List<UUID> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        UPDATE credit_application a SET next_bureau_attempt_at = :lease,
                            bureau_attempts = a.bureau_attempts + 1
                        WHERE a.application_id IN (SELECT application_id FROM credit_application
                                                   WHERE status = 'pending' AND next_bureau_attempt_at <= :now
                                                   ORDER BY next_bureau_attempt_at LIMIT :limit
                                                   FOR UPDATE SKIP LOCKED)
                        RETURNING a.application_id""")
                .param("lease", Timestamp.from(leaseUntil)).param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(UUID.class).list();
    }

    private ApplicationRecord map(ResultSet row, int number) throws SQLException {
        UUID id = row.getObject("application_id", UUID.class);
        List<RequestedTranche> tranches = jdbc.sql("""
                        SELECT number, milestone, amount FROM credit_application_tranche
                        WHERE application_id = :id ORDER BY number""")
                .param("id", id)
                .query((t, n) -> new RequestedTranche(t.getInt("number"), t.getString("milestone"),
                        t.getBigDecimal("amount")))
                .list();
        Terms terms = row.getBigDecimal("nominal_rate_percent") == null ? null
                : new Terms(row.getBigDecimal("nominal_rate_percent"), row.getBigDecimal("arrangement_fee"),
                        row.getBigDecimal("merchant_discount_percent"));
        return new ApplicationRecord(id, row.getString("partner"), row.getString("request_hash"),
                row.getString("consent_id"), row.getString("customer"), row.getString("product_id"),
                row.getString("product_name"), RepaymentMethod.valueOf(row.getString("repayment_method")),
                row.getBigDecimal("amount"), Currency.getInstance(row.getString("currency")),
                row.getInt("term_months"), row.getString("merchant_account_id"),
                row.getString("repayment_account_id"), row.getString("order_reference"),
                new Applicant(row.getBigDecimal("monthly_net_income"), row.getBigDecimal("monthly_housing_cost"),
                        row.getString("employment_status"), row.getInt("dependants")),
                tranches, Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                strings(row.getArray("decline_reasons")), terms, instant(row, "offer_valid_until"),
                java.util.Objects.requireNonNull(instant(row, "created_at")), instant(row, "decided_at"));
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }

    private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
