package dev.sceneway.products.deposits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The term_deposit_product table of the bank's schema. */
@Repository
class TermDepositProducts {

    private static final String COLUMNS =
            "product_id, name, currency, term_months, annual_rate_percent, min_amount, max_amount, active";

    private final JdbcClient jdbc;

    TermDepositProducts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The products partners see: the active ones, by id. */
    List<TermDepositProduct> offered() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM term_deposit_product WHERE active ORDER BY product_id")
                .query(TermDepositProducts::map).list();
    }

    Optional<TermDepositProduct> find(String productId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM term_deposit_product WHERE product_id = :id")
                .param("id", productId).query(TermDepositProducts::map).optional();
    }

    private static TermDepositProduct map(ResultSet row, int rowNumber) throws SQLException {
        return new TermDepositProduct(row.getString("product_id"), row.getString("name"),
                Currency.getInstance(row.getString("currency")), row.getInt("term_months"),
                row.getBigDecimal("annual_rate_percent"), row.getBigDecimal("min_amount"),
                row.getBigDecimal("max_amount"), row.getBoolean("active"));
    }
}
