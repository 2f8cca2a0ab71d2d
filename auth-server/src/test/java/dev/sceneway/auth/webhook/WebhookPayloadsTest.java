package dev.sceneway.auth.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.auth.consent.ConsentStatus;
import dev.sceneway.auth.consent.ConsentStatusChanged;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookPayloadsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final WebhookPayloads payloads = new WebhookPayloads(JSON);

    @Test
    void consentEventWhenRevokedByTheCustomerThenTheDocumentedShapeWithoutTheUsername() {
        UUID id = UUID.randomUUID();
        ConsentStatusChanged change = TestConsentChanges.change("c-1", "partner-a", ConsentStatus.AUTHORISED,
                ConsentStatus.REVOKED, "customer:alice", "whatever-the-service-says",
                Instant.parse("2026-11-22T09:00:00.123456Z"));

        String body = payloads.consentEvent(id, WebhookEventType.CONSENT_REVOKED, change);

        JsonNode json = JSON.readTree(body);
        assertThat(json.propertyNames()).containsExactly("id", "type", "occurredAt", "consent", "actor", "reason");
        assertThat(json.get("id").asString()).isEqualTo(id.toString());
        assertThat(json.get("type").asString()).isEqualTo("consent.revoked");
        assertThat(json.get("occurredAt").asString()).isEqualTo("2026-11-22T09:00:00.123Z");
        assertThat(json.get("consent").toString()).isEqualTo(
                "{\"consentId\":\"c-1\",\"bankId\":\"lakeside\",\"type\":\"account-access\",\"status\":\"Revoked\"}");
        assertThat(json.get("actor").asString()).isEqualTo("customer");
        assertThat(json.get("reason").asString()).isEqualTo("revoked-by-customer");
        assertThat(body).doesNotContain("alice");
    }

    @Test
    void consentEventWhenRevokedByThePartnerOrThePlatformThenTheReasonSaysWho() {
        assertThat(reasonOfRevocationBy("partner:partner-a")).isEqualTo("revoked-by-partner");
        assertThat(reasonOfRevocationBy("system")).isEqualTo("revoked-by-platform");
    }

    @Test
    void consentEventWhenNotARevocationThenTheServicesReasonPassesThrough() {
        ConsentStatusChanged change = TestConsentChanges.change("c-2", "partner-a", ConsentStatus.AUTHORISED,
                ConsentStatus.EXPIRED, "system", "expired", Instant.now());

        JsonNode json = JSON.readTree(payloads.consentEvent(UUID.randomUUID(), WebhookEventType.CONSENT_EXPIRED,
                change));

        assertThat(json.get("reason").asString()).isEqualTo("expired");
        assertThat(json.get("actor").asString()).isEqualTo("system");
    }

    @Test
    void enteringWhenEachStatusThenOneEventPerStatusAfterCreationAndNoneForCreation() {
        assertThat(WebhookEventType.entering(ConsentStatus.AWAITING_AUTHORISATION)).isEmpty();
        assertThat(Arrays.stream(ConsentStatus.values()).flatMap(s -> WebhookEventType.entering(s).stream())
                .map(WebhookEventType::wireName)).containsExactly("consent.authorised", "consent.rejected",
                "consent.revoked", "consent.expired", "consent.consumed");
    }

    private String reasonOfRevocationBy(String actor) {
        ConsentStatusChanged change = TestConsentChanges.change("c-1", "partner-a", ConsentStatus.AUTHORISED,
                ConsentStatus.REVOKED, actor, "x", Instant.now());
        return JSON.readTree(payloads.consentEvent(UUID.randomUUID(), WebhookEventType.CONSENT_REVOKED, change))
                .get("reason").asString();
    }
}
