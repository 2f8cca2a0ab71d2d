package dev.sceneway.auth.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may log in at the authorization endpoint ({@code sceneway.auth.customer-login.*}).
 *
 * @param sandboxCustomers test customers with known outcomes; their passwords are stored only as hashes. Empty
 *     outside the sandbox until customers come from a bank's own directory (a later issue)
 */
@Validated
@ConfigurationProperties("sceneway.auth.customer-login")
public record CustomerLoginProperties(@DefaultValue List<@Valid SandboxCustomer> sandboxCustomers) {

    /**
     * A sandbox customer.
     *
     * @param username what the customer types
     * @param passwordHash a Spring Security {@code {bcrypt}} hash of the password, never the password
     */
    public record SandboxCustomer(
            @NotBlank String username,
            @NotBlank @Pattern(regexp = "\\{bcrypt}\\$2[aby]?\\$.+",
                    message = "must be a {bcrypt} password hash, never a plain password") String passwordHash) {
    }
}
