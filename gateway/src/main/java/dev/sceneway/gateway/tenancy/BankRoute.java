package dev.sceneway.gateway.tenancy;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One bank (tenant) and its route: {@code /v1/banks/{id}/**} goes to {@code uri} with the path unchanged.
 *
 * @param id the bank id of the path; also product-apis' {@code sceneway.bank.id}
 * @param uri the bank's product-apis base URI (scheme, host, port, no path)
 * @param responseTimeout overrides the gateway-wide upstream response timeout; null: the gateway-wide one
 * @param readFailurePolicy what the limiter does with reads when Redis fails (money-moving requests fail closed)
 */
public record BankRoute(String id, URI uri, @Nullable Duration responseTimeout, FailurePolicy readFailurePolicy) {

    /** Route metadata holding the bank id, for filters that key on the bank (metering, resilience). */
    public static final String BANK_METADATA = "bank";
    /** Same rule as product-apis' {@code sceneway.bank.id} (it is also a PostgreSQL schema name). */
    public static final String ID_PATTERN = "[a-z][a-z0-9]{1,30}";
    private static final Pattern ID = Pattern.compile(ID_PATTERN);
    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    public BankRoute {
        requireBankId(id);
        if (uri == null || uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("uri must be an absolute http(s) URI with a host, but was " + uri);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException(
                    "uri must not have a path (the request path is forwarded unchanged), but was " + uri);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("uri must not have a query, fragment or user info, but was " + uri);
        }
        if (responseTimeout != null && (responseTimeout.isNegative() || responseTimeout.isZero()
                || responseTimeout.compareTo(MAX_TIMEOUT) > 0)) {
            throw new IllegalArgumentException(
                    "responseTimeout must be > 0 and <= " + MAX_TIMEOUT + ", but was " + responseTimeout);
        }
        if (readFailurePolicy == null) {
            throw new IllegalArgumentException("readFailurePolicy must be set");
        }
    }

    /** The route id other filters (metering, resilience) key on: {@code bank-<id>}. */
    public String routeId() {
        return "bank-" + id;
    }

    public static String requireBankId(@Nullable String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("bank id must match " + ID_PATTERN + ", but was '" + id + "'");
        }
        return id;
    }
}
