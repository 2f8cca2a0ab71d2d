package dev.sceneway.gateway.support;

import dev.sceneway.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consents as the auth-server publishes them (the snapshot at {@code sceneway:consent:{id}}, the notice on
 * {@code sceneway:consent-changes}) and the tokens bound to them (claims {@code sub}, {@code consent_id},
 * {@code consent}), e.g. {@code TestConsents.accountAccess(partner, "lakeside", "accounts").saveTo(redis)}.
 */
public final class TestConsents {

    public static final String CUSTOMER = "alice";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private TestConsents() {
    }

    /** An Authorised account-access consent of {@link #CUSTOMER} for {@code LS-ALICE-CUR}. */
    public static Consent accountAccess(String partner, String bank, String... permissions) {
        return new Consent(UUID.randomUUID().toString(), "account-access", "Authorised", bank, partner, CUSTOMER,
                List.of(permissions), Instant.now().plus(Duration.ofDays(30)), null);
    }

    /** An Authorised payment consent of {@link #CUSTOMER}. */
    public static Consent payment(String partner, String bank) {
        return new Consent(UUID.randomUUID().toString(), "payment", "Authorised", bank, partner, CUSTOMER, List.of(),
                null, null);
    }

    /** An Authorised credit consent of {@link #CUSTOMER}. */
    public static Consent credit(String partner, String bank, String... permissions) {
        return new Consent(UUID.randomUUID().toString(), "credit", "Authorised", bank, partner, CUSTOMER,
                List.of(permissions), Instant.now().plus(Duration.ofDays(30)), null);
    }

    /** One consent snapshot; each {@code with...} returns a changed copy with the same id. */
    public record Consent(String id, String type, String status, String bank, String partner,
            @Nullable String customer, List<String> permissions, @Nullable Instant expiresAt,
            @Nullable Integer frequencyPerDay) {

        public Consent withStatus(String newStatus) {
            return new Consent(id, type, newStatus, bank, partner, customer, permissions, expiresAt, frequencyPerDay);
        }

        public Consent withExpiresAt(Instant newExpiresAt) {
            return new Consent(id, type, status, bank, partner, customer, permissions, newExpiresAt, frequencyPerDay);
        }

        public Consent withFrequencyPerDay(int perDay) {
            return new Consent(id, type, status, bank, partner, customer, permissions, expiresAt, perDay);
        }

        public String scope() {
            return switch (type) {
                case "account-access" -> "accounts";
                case "payment" -> "payments";
                default -> "credit";
            };
        }

        /** The snapshot JSON, shaped as the auth-server writes it. */
        public String json() {
            Map<String, Object> snapshot = new LinkedHashMap<>();
            snapshot.put("id", id);
            snapshot.put("type", type);
            snapshot.put("status", status);
            snapshot.put("bank", bank);
            snapshot.put("partner", partner);
            snapshot.put("customer", customer);
            snapshot.put("permissions", permissions);
            snapshot.put("accounts", List.of("LS-ALICE-CUR"));
            snapshot.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
            snapshot.put("frequencyPerDay", frequencyPerDay);
            snapshot.put("updatedAt", Instant.now().toString());
            return JSON.writeValueAsString(snapshot);
        }

        /** Writes the snapshot, as the auth-server does after a transition (no notice: see {@link #publishTo}). */
        public Consent saveTo(ReactiveStringRedisTemplate redis) {
            redis.opsForValue().set("sceneway:consent:" + id, json()).block(REDIS_TIMEOUT);
            return this;
        }

        /** Writes the snapshot, then publishes the change notice: what the auth-server does on every transition. */
        public Consent publishTo(ReactiveStringRedisTemplate redis) {
            saveTo(redis);
            redis.convertAndSend("sceneway:consent-changes", id).block(REDIS_TIMEOUT);
            return this;
        }

        /** A token of the consent's partner and customer bound to it, with its type's scope (plus {@code scopes}). */
        public String token(String... extraScopes) {
            return tokenBuilder(extraScopes).sign();
        }

        public TestTokens.Builder tokenBuilder(String... extraScopes) {
            Map<String, Object> claim = new LinkedHashMap<>();
            claim.put("type", type);
            claim.put("bank", bank);
            claim.put("permissions", permissions);
            claim.put("accounts", List.of("LS-ALICE-CUR"));
            String scopes = (scope() + " " + String.join(" ", extraScopes)).trim();
            TestTokens.Builder builder = GatewayTokens.partner(partner).scope(scopes).claim("consent_id", id)
                    .claim("consent", claim);
            return customer == null ? builder : builder.subject(customer);
        }
    }
}
