package dev.sceneway.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UsageQueryTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void withoutParametersThenTheLast30DaysOfEveryPartnerAndBank() {
        UsageQuery query = UsageQuery.parse(Map.of(), TODAY, 366);

        assertThat(query).isEqualTo(new UsageQuery(null, null, LocalDate.of(2026, 10, 24), TODAY));
        assertThat(query.days()).isEqualTo(30);
    }

    @Test
    void withPartnerBankAndRangeThenEachIsTaken() {
        UsageQuery query = UsageQuery.parse(Map.of("partner", List.of("renovation-demo"), "bank", List.of("lakeside"),
                "from", List.of("2026-11-01"), "to", List.of("2026-11-03")), TODAY, 366);

        assertThat(query).isEqualTo(new UsageQuery("renovation-demo", "lakeside", LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 3)));
    }

    @Test
    void withOnlyFromThenThirtyDaysFromItButNotBeyondToday() {
        assertThat(UsageQuery.parse(Map.of("from", List.of("2026-11-20")), TODAY, 366).to()).isEqualTo(TODAY);
        assertThat(UsageQuery.parse(Map.of("from", List.of("2026-01-01")), TODAY, 366).to())
                .isEqualTo(LocalDate.of(2026, 1, 30));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "from|2026-13-01|from must be a date",
            "to|22.11.2026|to must be a date",
            "to|2026-02-30|to must be a date",
            "partner|a b|partner must be a client id",
            "partner|<script>|partner must be a client id",
            "bank|Lakeside|bank must be a bank id",
            "bank|lakeside;drop|bank must be a bank id"})
    void malformedParameterThenBadRequestNamingIt(String name, String value, String detail) {
        assertThatThrownBy(() -> UsageQuery.parse(Map.of(name, List.of(value)), TODAY, 366))
                .isInstanceOfSatisfying(ProblemException.class, ex -> {
                    assertThat(ex.problem()).isEqualTo(GatewayProblem.BAD_REQUEST);
                    assertThat(ex.detail()).contains("'" + name + "'").contains(detail.substring(detail.indexOf(' ') + 1));
                });
    }

    @Test
    void reversedRangeThenBadRequest() {
        assertThatThrownBy(() -> UsageQuery.parse(Map.of("from", List.of("2026-11-10"), "to", List.of("2026-11-09")),
                TODAY, 366)).isInstanceOf(ProblemException.class).hasMessageContaining("must not be after");
    }

    @Test
    void rangeLongerThanTheCapThenBadRequest() {
        assertThatThrownBy(() -> UsageQuery.parse(Map.of("from", List.of("2025-01-01"), "to", List.of("2026-11-22")),
                TODAY, 366)).isInstanceOf(ProblemException.class).hasMessageContaining("at most 366");
        assertThat(UsageQuery.parse(Map.of("from", List.of("2025-11-22"), "to", List.of("2026-11-22")), TODAY, 366)
                .days()).isEqualTo(366);
    }

    @Test
    void repeatedParameterThenBadRequest() {
        assertThatThrownBy(() -> UsageQuery.parse(Map.of("bank", List.of("lakeside", "harbour")), TODAY, 366))
                .isInstanceOf(ProblemException.class).hasMessageContaining("at most once");
    }
}
