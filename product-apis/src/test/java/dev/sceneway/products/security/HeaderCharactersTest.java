package dev.sceneway.products.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firewall's header rule without a regular expression decides exactly as Spring Security's default pattern. */
class HeaderCharactersTest {

    /** Spring Security's StrictHttpFirewall default for header names and values. */
    private static final Pattern SPRING_DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void printableTextAndTokensAreAllowed() {
        for (String value : new String[] {"", "Bearer eyJhbGciOiJQUzI1NiJ9.e30.c2ln", "application/json",
                "Grüße, 你好", "emoji \uD83D\uDE00 ok", "x-idempotency-key"}) {
            assertThat(HeaderCharacters.allowed(value)).as(value).isTrue();
            assertThat(SPRING_DEFAULT.matcher(value).matches()).as(value).isTrue();
        }
    }

    @Test
    void controlCharactersAndUnassignedCodePointsAreRefused() {
        for (String value : new String[] {"a\nb", "a\rb", "tab\there", "nul\u0000", "del\u007f", "c1\u0085",
                "unassigned\u0378", "unassigned \uDB40\uDC00 (plane 14, U+E0000)"}) {
            assertThat(HeaderCharacters.allowed(value)).as(value).isFalse();
            assertThat(SPRING_DEFAULT.matcher(value).matches()).as(value).isFalse();
        }
    }

    @Test
    void agreesWithTheDefaultPatternOnEveryBasicPlaneCharacter() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String value = "x" + c + "y";
            assertThat(HeaderCharacters.allowed(value)).as("U+%04X", (int) c)
                    .isEqualTo(SPRING_DEFAULT.matcher(value).matches());
        }
    }
}
