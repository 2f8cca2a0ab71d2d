package dev.sceneway.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sceneway.gateway.support.GatewayTestContext;
import dev.sceneway.gateway.support.GatewayTokens;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's logs are JSON lines (ECS) and carry neither the partner's token nor personal data from the request,
 * on the success path and on the error paths that log the most.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneIT extends GatewayTestContext {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EMAIL = "jane.doe@example.com";

    @Test
    void callsWhenCarryingATokenAndAnEmailThenNeitherIsLoggedAndEachHasAnAccessLogLine(CapturedOutput output) {
        String partner = GatewayTokens.uniquePartner("logged");
        approve(partner);
        String token = GatewayTokens.partner(partner).scopes("products").sign();
        String ok = call("/v1/banks/lakeside/credit/products?limit=5&contact=" + EMAIL, "Bearer " + token, 200);
        String down = call("/v1/banks/offline/credit/products?contact=" + EMAIL, "Bearer " + token, 503);
        String forged = call("/v1/banks/lakeside/credit/products?contact=" + EMAIL, "Bearer " + token + "x", 401);

        await().atMost(Duration.ofSeconds(5)).until(() -> List.of(ok, down, forged).stream()
                .allMatch(id -> accessLine(output, id) != null));

        JsonNode line = JSON.readTree(accessLine(output, ok));
        assertThat(line.at("/log/logger").asString()).isEqualTo(AccessLog.LOGGER);
        assertThat(line.at("/log/level").asString()).isEqualTo("INFO");
        assertThat(line.at("/message").asString())
                .contains("GET", "listCreditProducts", "bank-lakeside", "200", partner, ok);
        assertThat(accessLine(output, down)).contains("503");
        assertThat(accessLine(output, forged)).contains("401", "anonymous");
        String all = output.getAll();
        assertThat(all).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1))
                .doesNotContain(EMAIL).doesNotContain("jane.doe%40example.com").doesNotContain("contact=");
    }

    private String call(String uri, String authorization, int status) {
        String id = UUID.randomUUID().toString();
        client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, authorization).header(INTERACTION_ID, id)
                .exchange().expectStatus().isEqualTo(status).expectBody().returnResult();
        return id;
    }

    /** The access log's JSON line of the call with this interaction id, if it was written yet. */
    private static String accessLine(CapturedOutput output, String interactionId) {
        return output.getOut().lines()
                .filter(line -> line.startsWith("{") && line.contains(interactionId) && line.contains(AccessLog.LOGGER))
                .findFirst().orElse(null);
    }
}
