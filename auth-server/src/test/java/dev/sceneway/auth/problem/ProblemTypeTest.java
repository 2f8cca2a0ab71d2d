package dev.sceneway.auth.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    @Test
    void forStatusWhenCatalogued404ThenNotFoundWithTheContractsTypeUri() {
        assertThat(ProblemType.forStatus(404).type()).hasToString("https://sceneway.dev/problems/not-found");
    }

    @Test
    void forStatusWhenUncatalogued4xxThenBadRequestAnd5xxThenInternalError() {
        assertThat(ProblemType.forStatus(413)).isEqualTo(ProblemType.BAD_REQUEST);
        assertThat(ProblemType.forStatus(503)).isEqualTo(ProblemType.INTERNAL_ERROR);
    }

    @Test
    void forStatusWhenOnlyASpecificTypeHasTheStatusThenTheGenericFallbackNotTheSpecificType() {
        assertThat(ProblemType.forStatus(409)).isEqualTo(ProblemType.BAD_REQUEST);
        assertThat(ProblemType.forStatus(401)).isEqualTo(ProblemType.AUTHENTICATION_REQUIRED);
        assertThat(ProblemType.forStatus(403)).isEqualTo(ProblemType.FORBIDDEN);
    }
}
