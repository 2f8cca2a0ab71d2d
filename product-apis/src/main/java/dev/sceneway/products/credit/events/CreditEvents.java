package dev.sceneway.products.credit.events;

import dev.sceneway.products.bank.BankProperties;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues a partner event in the caller's transaction (MANDATORY: an event exists exactly when its change commits).
 * The body is built here, once, as the exact text the auth-server signs and sends:
 * <pre>{@code {"id": "<event id>", "type": "credit.agreement.signed", "occurredAt": "...", "bankId": "lakeside",
 *  "consentId": "...", "data": {...}}}</pre>
 */
@Component
public class CreditEvents {

    public static final String APPLICATION_DECIDED = "credit.application.decided";
    public static final String AGREEMENT_SIGNED = "credit.agreement.signed";
    public static final String AGREEMENT_DISBURSED = "credit.agreement.disbursed";
    public static final String INSTALMENT_DUE = "credit.instalment.due";
    public static final String INSTALMENT_MISSED = "credit.instalment.missed";
    public static final String AGREEMENT_CLOSED = "credit.agreement.closed";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final BankProperties bank;

    CreditEvents(JdbcClient jdbc, JsonMapper json, BankProperties bank) {
        this.jdbc = jdbc;
        this.json = json;
        this.bank = bank;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public UUID queue(String partner, String consentId, String type, Map<String, Object> data, Instant at) {
        UUID eventId = UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId.toString());
        body.put("type", type);
        body.put("occurredAt", at.truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("bankId", bank.id());
        body.put("consentId", consentId);
        body.put("data", data);
        jdbc.sql("""
                        INSERT INTO credit_event (event_id, partner, consent_id, type, payload, created_at)
                        VALUES (:id, :partner, :consent, :type, :payload, :at)""")
                .param("id", eventId).param("partner", partner).param("consent", consentId).param("type", type)
                .param("payload", json.writeValueAsString(body)).param("at", Timestamp.from(at))
                .update();
        return eventId;
    }
}
