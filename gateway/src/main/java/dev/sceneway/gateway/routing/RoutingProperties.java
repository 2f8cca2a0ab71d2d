package dev.sceneway.gateway.routing;

import dev.sceneway.gateway.tenancy.BankRoute;
import dev.sceneway.gateway.tenancy.FailurePolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Banks configured at startup: a bootstrap seed of the {@code bank} table ({@link ConfiguredBankSeed}); for these
 * banks the configuration wins at every startup. Banks may also be added at run time through {@code /admin/banks}.
 *
 * @param banks each bank's services by bank id (the {@code {bankId}} of {@code /v1/banks/{bankId}/**})
 */
@ConfigurationProperties("sceneway.gateway")
@Validated
public record RoutingProperties(
        @DefaultValue Map<@Pattern(regexp = BankRoute.ID_PATTERN) String, @Valid @NotNull Bank> banks) {

    public RoutingProperties {
        banks = Map.copyOf(banks);
        banks.forEach((id, bank) -> bank.toRoute(id)); // fail at startup, naming the rule
    }

    /**
     * One bank.
     *
     * @param uri the bank's product-apis base URI (scheme, host, port; the request path is forwarded as is)
     * @param responseTimeout overrides the gateway-wide upstream response timeout for this bank
     * @param readFailurePolicy what the limiter does with reads when Redis fails: local-fallback (default) or
     *        fail-closed; money-moving requests always fail closed
     */
    public record Bank(@NotNull URI uri, @Nullable Duration responseTimeout,
            @Nullable FailurePolicy readFailurePolicy) {

        public Bank {
            // Checked here too, so that a bad URI fails binding with the property's name.
            new BankRoute("check", uri, responseTimeout, FailurePolicy.FAIL_CLOSED);
        }

        BankRoute toRoute(String id) {
            return new BankRoute(id, uri, responseTimeout,
                    readFailurePolicy == null ? FailurePolicy.LOCAL_FALLBACK : readFailurePolicy);
        }
    }
}
