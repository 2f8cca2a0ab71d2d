package dev.sceneway.sandbox.bureau;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sceneway.infra.Infrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sandbox bureau answers the banks' risk adapter as the personas are documented (README, docs/credit.md). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedBureauTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private SimulatedBureau bureau;

    @BeforeAll
    void start() {
        bureau = SimulatedBureau.start(Infrastructure.freePort());
    }

    @AfterAll
    void stop() {
        bureau.close();
    }

    @Test
    void aliceHasACleanFileAndAHighScore() throws Exception {
        JsonNode report = report("alice");
        assertThat(report.path("score").asInt()).isEqualTo(790);
        assertThat(report.path("adverseRecords").isEmpty()).isTrue();
    }

    @Test
    void bobHasABorderlineScoreAndDebtPayments() throws Exception {
        JsonNode report = report("bob");
        assertThat(report.path("score").asInt()).isEqualTo(640);
        assertThat(report.path("monthlyDebtPayments").asString()).isEqualTo("320.00");
    }

    @Test
    void carolHasADefaultOnFile() throws Exception {
        JsonNode report = report("carol");
        assertThat(report.path("score").asInt()).isEqualTo(520);
        assertThat(report.path("adverseRecords").get(0).asString()).isEqualTo("DEFAULT");
    }

    @Test
    void anyoneElseHasACleanFileWithTheDefaultScore() throws Exception {
        assertThat(report("zoe").path("score").asInt()).isEqualTo(720);
    }

    @Test
    void daveIsAnsweredOnlyAfterTheDelayABankDoesNotWaitFor() {
        assertThat(SimulatedBureau.personas()).anySatisfy(mapping -> {
            assertThat(mapping.getName()).startsWith("dave");
            assertThat(mapping.getResponse().getFixedDelayMilliseconds()).isEqualTo(3000);
        });
    }

    private JsonNode report(String subject) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bureau.port()
                        + "/v1/credit-reports")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"" + subject + "\",\"bank\":\"lakeside\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }
}
