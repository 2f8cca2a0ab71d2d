package dev.sceneway.auth.customer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What the journey knows about a customer besides the password: the second factor's secret and the accounts at
 * each bank. Sandbox customers come from configuration; a bank's own directory replaces this later.
 */
@Component
public class CustomerDirectory {

    private final Map<String, CustomerLoginProperties.SandboxCustomer> customers;

    CustomerDirectory(CustomerLoginProperties properties) {
        this.customers = properties.sandboxCustomers().stream().collect(
                Collectors.toUnmodifiableMap(CustomerLoginProperties.SandboxCustomer::username, Function.identity()));
    }

    Optional<String> totpSecret(String username) {
        return Optional.ofNullable(customers.get(username)).map(CustomerLoginProperties.SandboxCustomer::totpSecret);
    }

    /** The customer's accounts at {@code bankId}, in configuration order; empty for an unknown customer or bank. */
    public List<CustomerLoginProperties.Account> accounts(String username, String bankId) {
        CustomerLoginProperties.SandboxCustomer customer = customers.get(username);
        return customer == null ? List.of() : customer.accounts().getOrDefault(bankId, List.of());
    }
}
