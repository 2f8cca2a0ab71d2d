package dev.sceneway.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.gateway.consent.ConsentEndpoints.Requirement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

class ConsentCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

    @Test
    void endpointsWhenPathIsCustomerLevelThenTheMapsTypeAndPermission() {
        assertRequirement(HttpMethod.GET, "/v1/banks/lakeside/accounts", "account-access", "accounts");
        assertRequirement(HttpMethod.GET, "/v1/banks/lakeside/accounts/A-1", "account-access", "accounts");
        assertRequirement(HttpMethod.GET, "/v1/banks/lakeside/accounts/A-1/balances", "account-access", "balances");
        assertRequirement(HttpMethod.GET, "/v1/banks/lakeside/accounts/A-1/transactions", "account-access",
                "transactions");
        assertRequirement(HttpMethod.POST, "/v1/banks/lakeside/payments", "payment", null);
        assertRequirement(HttpMethod.POST, "/v1/banks/lakeside/credit/applications", "credit",
                "share-application-data");
        assertRequirement(HttpMethod.DELETE, "/v1/banks/lakeside/accounts/A-1", "account-access", "accounts");
        assertThat(requirement(HttpMethod.GET, "/v1/banks/lakeside/payments/p-1").statuses())
                .containsExactlyInAnyOrder("Authorised", "Consumed");
        assertThat(requirement(HttpMethod.POST, "/v1/banks/lakeside/payments").statuses())
                .containsExactly("Authorised");
        assertThat(ConsentEndpoints.forRequest(HttpMethod.GET,
                PathContainer.parsePath("/v1/banks/lakeside/credit/products"))).isEmpty();
        // Opening a term deposit moves money out of a consented account: its own permission; reading one, accounts.
        assertRequirement(HttpMethod.POST, "/v1/banks/lakeside/deposits/term-deposits", "account-access",
                "open-term-deposits");
        assertRequirement(HttpMethod.GET, "/v1/banks/lakeside/deposits/term-deposits/LS-TD-1", "account-access",
                "accounts");
        assertRequirement(HttpMethod.DELETE, "/v1/banks/lakeside/deposits/term-deposits/LS-TD-1", "account-access",
                "accounts");
        assertThat(ConsentEndpoints.forRequest(HttpMethod.GET,
                PathContainer.parsePath("/v1/banks/lakeside/deposits/products"))).isEmpty();
        // Refunds are the partner's own act (partner-level token), after the payment consent is consumed.
        assertThat(ConsentEndpoints.forRequest(HttpMethod.POST,
                PathContainer.parsePath("/v1/banks/lakeside/refunds"))).isEmpty();
    }

    @Test
    void checkWhenAStatusIsNotOneTheAuthServerKnowsThenRefusedNeverLetThrough() {
        assertThat(check(snapshot("Suspended", null), HttpMethod.GET, "/v1/banks/lakeside/accounts"))
                .hasValueSatisfying(refusal -> assertThat(refusal.reason()).isEqualTo("unknown"));
    }

    @Test
    void checkWhenExpiresAtIsNowThenExpired() {
        assertThat(check(snapshot("Authorised", NOW), HttpMethod.GET, "/v1/banks/lakeside/accounts"))
                .hasValueSatisfying(refusal -> assertThat(refusal.reason()).isEqualTo("expired"));
        assertThat(check(snapshot("Authorised", NOW.plusSeconds(1)), HttpMethod.GET, "/v1/banks/lakeside/accounts"))
                .isEmpty();
    }

    @Test
    void retryAfterWhenFrequencyIsUsedUpThenSecondsUntilTheNextUtcMidnight() {
        assertThat(ConsentGate.secondsUntilNextUtcMidnight(Instant.parse("2026-11-22T23:59:59.200Z")))
                .isEqualTo(1);
        assertThat(ConsentGate.secondsUntilNextUtcMidnight(Instant.parse("2026-11-22T00:00:00Z")))
                .isEqualTo(86_400);
    }

    private static Optional<ConsentRefusal> check(ConsentSnapshot snapshot, HttpMethod method, String path) {
        return ConsentCheck.check(snapshot, requirement(method, path), "renovation-demo", "alice", "lakeside", NOW);
    }

    private static ConsentSnapshot snapshot(String status, Instant expiresAt) {
        return new ConsentSnapshot("c1", "account-access", status, "lakeside", "renovation-demo", "alice",
                List.of("accounts"), expiresAt, null);
    }

    private static Requirement requirement(HttpMethod method, String path) {
        return ConsentEndpoints.forRequest(method, PathContainer.parsePath(path)).orElseThrow();
    }

    private static void assertRequirement(HttpMethod method, String path, String type, String permission) {
        Requirement requirement = requirement(method, path);
        assertThat(requirement.type()).as(method + " " + path).isEqualTo(type);
        assertThat(requirement.permission()).as(method + " " + path).isEqualTo(permission);
    }
}
