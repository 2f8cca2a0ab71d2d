package dev.sceneway.gateway.resilience;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway protects itself and the banks from a failing bank ({@link UpstreamResilienceFilter}).
 *
 * @param enabled off only for benchmarks that measure the gateway without policies
 * @param defaults the policy of every bank not listed in {@code banks}
 * @param banks policies by bank id; a listed bank takes unset fields from the built-in defaults, not from
 *         {@code defaults}
 */
@ConfigurationProperties("sceneway.gateway.resilience")
@Validated
public record ResilienceProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue @Valid @NotNull Policy defaults,
        @DefaultValue Map<String, @Valid @NotNull Policy> banks) {

    public ResilienceProperties {
        banks = Map.copyOf(banks);
    }

    public Policy forBank(String bankId) {
        return banks.getOrDefault(bankId, defaults);
    }

    /**
     * One bank's policy.
     *
     * @param timeout the longest a call may take until the bank's response headers (time limiter); unset means
     *         the bank's route response timeout, the same bound the HTTP client applies
     * @param failureRateThreshold the percentage of failed calls (5xx, timeouts, connection errors) in the
     *         window that opens the circuit
     * @param slidingWindowSize how many of the latest calls the failure rate is computed over
     * @param minimumNumberOfCalls calls needed before the failure rate counts
     * @param waitInOpenState how long an open circuit refuses calls before it lets trial calls through
     * @param permittedCallsInHalfOpenState trial calls that decide between closing and opening again
     * @param maxConcurrentCalls calls to the bank in progress at once (bulkhead); more are refused at once
     * @param readAttempts attempts of a GET or HEAD that fails to connect or loses its connection (1 = none)
     * @param retryBackoff wait before each new attempt of a read
     */
    public record Policy(
            @Nullable Duration timeout,
            @DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
            @DefaultValue("20") @Min(1) @Max(10_000) int slidingWindowSize,
            @DefaultValue("10") @Min(1) @Max(10_000) int minimumNumberOfCalls,
            @DefaultValue("10s") Duration waitInOpenState,
            @DefaultValue("3") @Min(1) @Max(1_000) int permittedCallsInHalfOpenState,
            @DefaultValue("100") @Min(1) @Max(100_000) int maxConcurrentCalls,
            @DefaultValue("3") @Min(1) @Max(5) int readAttempts,
            @DefaultValue("50ms") Duration retryBackoff) {

        public Policy {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout must be > 0, but was " + timeout);
            }
            if (waitInOpenState.isNegative() || waitInOpenState.isZero()) {
                throw new IllegalArgumentException("waitInOpenState must be > 0, but was " + waitInOpenState);
            }
            if (retryBackoff.isNegative()) {
                throw new IllegalArgumentException("retryBackoff must be >= 0, but was " + retryBackoff);
            }
            if (minimumNumberOfCalls > slidingWindowSize) {
                throw new IllegalArgumentException("minimumNumberOfCalls (" + minimumNumberOfCalls
                        + ") must be <= slidingWindowSize (" + slidingWindowSize + ")");
            }
        }
    }
}
