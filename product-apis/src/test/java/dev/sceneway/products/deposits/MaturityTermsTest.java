package dev.sceneway.products.deposits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Reference values worked out by hand from the documented formula (actual/365, half-up to the cent). */
class MaturityTermsTest {

    @Test
    void twelveMonthsOfAnOrdinaryYearAreThreeHundredSixtyFiveDaysOfTheFullAnnualRate() {
        // 5,000.00 x 2.75 % x 365/365 = 137.50
        MaturityTerms terms = terms("5000.00", "2.75", "2026-11-22", 12);
        assertThat(terms.maturityDate()).isEqualTo(LocalDate.parse("2027-11-22"));
        assertThat(terms.days()).isEqualTo(365);
        assertThat(terms.interest()).isEqualByComparingTo("137.50");
        assertThat(terms.maturityAmount()).isEqualByComparingTo("5137.50");
    }

    @Test
    void aTermOverTheTwentyNinthOfFebruaryEarnsTheLeapDayToo() {
        // 10,000.00 x 3.10 % x 366/365 = 310.849315... -> 310.85
        MaturityTerms terms = terms("10000.00", "3.10", "2027-03-01", 12);
        assertThat(terms.days()).isEqualTo(366);
        assertThat(terms.interest()).isEqualByComparingTo("310.85");
        assertThat(terms.maturityAmount()).isEqualByComparingTo("10310.85");
    }

    @Test
    void aStartOnTheLastDayOfTheMonthMaturesOnTheLastDayOfAShorterMonth() {
        // 31 Aug 2026 + 6 months = 28 Feb 2027: 181 days; 1,000.00 x 2.25 % x 181/365 = 11.157534... -> 11.16
        MaturityTerms terms = terms("1000.00", "2.25", "2026-08-31", 6);
        assertThat(terms.maturityDate()).isEqualTo(LocalDate.parse("2027-02-28"));
        assertThat(terms.days()).isEqualTo(181);
        assertThat(terms.interest()).isEqualByComparingTo("11.16");
    }

    @Test
    void anExactHalfCentIsRoundedUp() {
        // 182.50 x 1.00 % x 365/365 = 1.825 -> 1.83 (half-even would give 1.82)
        assertThat(terms("182.50", "1.00", "2026-11-22", 12).interest()).isEqualByComparingTo("1.83");
        // 182.50 x 1.00 % x 31/365 = 0.155 -> 0.16 (31 days: 22 Dec 2026 to 22 Jan 2027)
        assertThat(terms("182.50", "1.00", "2026-12-22", 1).interest()).isEqualByComparingTo("0.16");
    }

    @Test
    void aZeroRatePaysBackThePrincipalExactly() {
        MaturityTerms terms = terms("750.00", "0.00", "2026-11-22", 3);
        assertThat(terms.interest()).isEqualByComparingTo("0.00");
        assertThat(terms.maturityAmount()).isEqualByComparingTo("750.00");
        assertThat(terms.maturityAmount().scale()).isEqualTo(2);
    }

    @Test
    void nonsenseTermsAreRefused() {
        assertThatThrownBy(() -> terms("0.00", "1.00", "2026-11-22", 12))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> terms("10.00", "-1.00", "2026-11-22", 12))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> terms("10.00", "1.00", "2026-11-22", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MaturityTerms terms(String principal, String rate, String start, int months) {
        return MaturityTerms.of(new BigDecimal(principal), new BigDecimal(rate), LocalDate.parse(start), months);
    }
}
