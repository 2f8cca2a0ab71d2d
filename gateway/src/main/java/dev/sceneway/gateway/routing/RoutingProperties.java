package dev.sceneway.gateway.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The banks behind the gateway.
 *
 * @param banks each bank's services by bank id (the {@code {bankId}} of {@code /v1/banks/{bankId}/**})
 */
@ConfigurationProperties("sceneway.gateway")
@Validated
public record RoutingProperties(
        @Nullable @NotEmpty Map<@Pattern(regexp = BANK_ID_PATTERN) String, @Valid @NotNull Bank> banks) {

    /** Same rule as product-apis' {@code sceneway.bank.id} (it is also a PostgreSQL schema name). */
    public static final String BANK_ID_PATTERN = "[a-z][a-z0-9]{1,30}";

    public RoutingProperties {
        if (banks == null || banks.isEmpty()) {
            throw new IllegalArgumentException(
                    "banks must name at least one bank: sceneway.gateway.banks.<bankId>.uri=http://host:port");
        }
        banks = Map.copyOf(banks);
    }

    /**
     * One bank.
     *
     * @param uri the bank's product-apis base URI (scheme, host, port; the request path is forwarded as is)
     * @param responseTimeout overrides the gateway-wide upstream response timeout for this bank
     */
    public record Bank(@NotNull URI uri, @Nullable Duration responseTimeout) {

        private static final Set<String> SCHEMES = Set.of("http", "https");

        public Bank {
            if (uri == null || uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("uri must be an absolute http(s) URI with a host, but was " + uri);
            }
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
                throw new IllegalArgumentException(
                        "uri must not have a path (the request path is forwarded unchanged), but was " + uri);
            }
            if (responseTimeout != null && (responseTimeout.isNegative() || responseTimeout.isZero())) {
                throw new IllegalArgumentException("responseTimeout must be > 0, but was " + responseTimeout);
            }
        }
    }
}
