package dev.sceneway.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The gateway's catalogue against the contract: every type it sends is in common.yaml's {@code ProblemType} (a
 * partner's client knows it), with the same status as documented there.
 */
class GatewayProblemTest {

    @Test
    void everyGatewayProblemIsInTheCommonCatalogueWithItsDocumentedStatus() throws IOException {
        String common;
        try (InputStream in = new ClassPathResource("openapi/common.yaml").getInputStream()) {
            common = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (GatewayProblem problem : GatewayProblem.values()) {
            assertThat(common).as(problem.slug() + " in x-extensible-enum").contains("- " + problem.type() + "\n");
            assertThat(common).as(problem.slug() + " documented with its status")
                    .contains("- `" + problem.slug() + "` (" + problem.status().value() + ")");
        }
    }
}
