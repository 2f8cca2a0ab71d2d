package dev.sceneway.auth.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may log in at the authorization endpoint ({@code sceneway.auth.customer-login.*}).
 *
 * @param sandboxCustomers test customers with known outcomes; their passwords are stored only as hashes. Empty
 *     outside the sandbox until customers come from a bank's own directory (a later issue)
 * @param maxCodeAttempts wrong one-time codes accepted after a correct password before the customer must start again
 *     with the password
 */
@Validated
@ConfigurationProperties("sceneway.auth.customer-login")
public record CustomerLoginProperties(@DefaultValue List<@Valid SandboxCustomer> sandboxCustomers,
        @DefaultValue("5") @Min(1) @Max(10) int maxCodeAttempts) {

    /**
     * A sandbox customer.
     *
     * @param username what the customer types
     * @param passwordHash a Spring Security {@code {bcrypt}} hash of the password, never the password
     * @param totpSecret the RFC 6238 secret of the customer's authenticator app, base32 (RFC 4648), at least 80 bits
     * @param accounts the customer's accounts per bank id, as the consent screen offers them
     */
    public record SandboxCustomer(
            @NotBlank String username,
            @NotBlank @Pattern(regexp = "\\{bcrypt}\\$2[aby]?\\$.+",
                    message = "must be a {bcrypt} password hash, never a plain password") String passwordHash,
            @NotBlank @Pattern(regexp = "[A-Z2-7]{16,}=*", message = "must be base32 (RFC 4648), at least 16 "
                    + "characters (80 bits)") String totpSecret,
            @DefaultValue Map<String, List<@Valid Account>> accounts) {
    }

    /**
     * An account of a sandbox customer at one bank.
     *
     * @param id the account id, the same at product-apis (e.g. {@code LS-ALICE-CUR})
     * @param name what the customer calls it
     * @param currency ISO 4217 code
     */
    public record Account(@NotBlank String id, @NotBlank String name,
            @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {
    }
}
