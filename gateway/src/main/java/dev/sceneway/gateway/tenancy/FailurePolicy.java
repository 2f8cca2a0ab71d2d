package dev.sceneway.gateway.tenancy;

import java.util.Arrays;
import org.springframework.http.HttpMethod;

/**
 * What the rate limiter does with a request when Redis fails or does not answer within its timeout. The policy
 * written down in {@code package-info.java}: a money-moving request always fails closed; a read follows its
 * route's {@link BankRoute#readFailurePolicy()}.
 */
public enum FailurePolicy {

    /** Refuse with 503 {@code rate-limiter-unavailable}; nothing is forwarded. */
    FAIL_CLOSED("fail-closed"),
    /** Meter the request with this replica's in-memory token bucket of the same plan (quotas are not counted). */
    LOCAL_FALLBACK("local-fallback");

    private final String wireName;

    FailurePolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static FailurePolicy fromWireName(String name) {
        return Arrays.stream(values()).filter(policy -> policy.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "failure policy must be 'fail-closed' or 'local-fallback', but was '" + name + "'"));
    }

    /**
     * Money-moving: every unsafe method (RFC 9110 §9.2.1) on a bank's API. Such a request may create a payment,
     * a credit application or an agreement, so it is never let through unmetered. The rule is deliberately by
     * method, not by a list of paths, so that a new endpoint is money-moving until proven otherwise.
     */
    public static boolean isMoneyMoving(HttpMethod method) {
        return !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method));
    }

    /** The policy for one request on a route. */
    public static FailurePolicy forRequest(HttpMethod method, BankRoute route) {
        return isMoneyMoving(method) ? FAIL_CLOSED : route.readFailurePolicy();
    }
}
