package dev.sceneway.products.bank;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The one bank (tenant) this instance serves.
 *
 * @param id   the bank's id in API paths and the name of its PostgreSQL schema, e.g. {@code lakeside}
 * @param name the bank's display name, e.g. {@code Lakeside Savings Bank}
 */
@Validated
@ConfigurationProperties("sceneway.bank")
public record BankProperties(
        // The pattern keeps the id safe as an unquoted SQL identifier and a URL path segment.
        @NotNull @Pattern(regexp = BankProperties.ID_PATTERN,
                message = "must be a lower-case bank id matching " + BankProperties.ID_PATTERN
                        + " (it is also the PostgreSQL schema name)") String id,
        @NotBlank String name) {

    public static final String ID_PATTERN = "[a-z][a-z0-9]{1,30}";

    /** The PostgreSQL schema holding this bank's data. */
    public String schema() {
        return id;
    }
}
