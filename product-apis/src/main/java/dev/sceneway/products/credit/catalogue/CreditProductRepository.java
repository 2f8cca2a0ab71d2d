package dev.sceneway.products.credit.catalogue;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the catalogue from the bank's schema. Table names are unqualified on purpose: every pooled connection's
 * search path is the bank's schema (see application.yml), so this code cannot read another bank's rows.
 */
@Repository
class CreditProductRepository {

    private static final String COLUMNS = """
            product_id, name, currency, min_amount, max_amount, min_term_months, max_term_months,
            nominal_annual_rate_percent, arrangement_fee, repayment_methods, merchant_discount_percent""";

    private final JdbcClient jdbc;

    CreditProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * At most {@code max} active products in product id order, after {@code after} when present. The column's "C"
     * collation makes that order byte-wise, the same order the {@code >} comparison of the cursor uses.
     */
    List<CreditProduct> findActive(Optional<String> after, int max) {
        String where = after.isPresent() ? "WHERE active AND product_id > :after" : "WHERE active";
        JdbcClient.StatementSpec query = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM credit_product " + where + " ORDER BY product_id LIMIT :max")
                .param("max", max);
        if (after.isPresent()) {
            query = query.param("after", after.get());
        }
        return query.query(CreditProductRepository::map).list();
    }

    /** Every active product, in product id order. */
    List<CreditProduct> findAllActive() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM credit_product WHERE active ORDER BY product_id")
                .query(CreditProductRepository::map)
                .list();
    }

    /** An active product; a retired one is as absent to partners as one that never existed. */
    Optional<CreditProduct> findActive(String productId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM credit_product WHERE active AND product_id = :productId")
                .param("productId", productId)
                .query(CreditProductRepository::map)
                .optional();
    }

    private static CreditProduct map(ResultSet row, int rowNumber) throws SQLException {
        return new CreditProduct(
                row.getString("product_id"),
                row.getString("name"),
                Currency.getInstance(row.getString("currency")),
                row.getBigDecimal("min_amount"),
                row.getBigDecimal("max_amount"),
                row.getInt("min_term_months"),
                row.getInt("max_term_months"),
                row.getBigDecimal("nominal_annual_rate_percent"),
                row.getBigDecimal("arrangement_fee"),
                repaymentMethods(row.getArray("repayment_methods")),
                row.getBigDecimal("merchant_discount_percent"));
    }

    private static List<RepaymentMethod> repaymentMethods(Array array) throws SQLException {
        try {
            return Arrays.stream((String[]) array.getArray()).map(RepaymentMethod::valueOf).toList();
        } finally {
            array.free();
        }
    }
}
