package dev.sceneway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** The loop-based header rules decide exactly as Spring Security's default predicates (regular expressions). */
class FirewallCharactersTest {

    @Test
    void headerNamesAgreeWithSpringsDefaultOnEveryBasicPlaneCharacterAndSomeSupplementaryOnes() {
        assertAgree(FirewallCharacters::name, StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES);
    }

    @Test
    void headerValuesAgreeWithSpringsDefaultOnEveryBasicPlaneCharacterAndSomeSupplementaryOnes() {
        assertAgree(FirewallCharacters::headerValue, StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES);
    }

    @Test
    void parameterNamesAgreeWithSpringsDefaultOnEveryBasicPlaneCharacterAndSomeSupplementaryOnes() {
        assertAgree(FirewallCharacters::name, StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES);
    }

    @Test
    void valuesWithLineBreaksOrUnassignedCodePointsAreRefusedAndATabOnlyInValues() {
        for (String refused : new String[] {"a\r\nInjected: 1", "nul\u0000", "del\u007f", "c1\u0085", "\u0378"}) {
            assertThat(FirewallCharacters.headerValue(refused)).as(refused).isFalse();
            assertThat(FirewallCharacters.name(refused)).as(refused).isFalse();
        }
        assertThat(FirewallCharacters.headerValue("a\tb")).isTrue();
        assertThat(FirewallCharacters.name("a\tb")).isFalse();
        assertThat(FirewallCharacters.headerValue("DPoP eyJhbGciOiJQUzI1NiJ9.e30.c2ln, Grüße 你好 \uD83D\uDE00"))
                .isTrue();
    }

    private static void assertAgree(Predicate<String> ours, Predicate<String> spring) {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String value = "x" + c + "y";
            assertThat(ours.test(value)).as("U+%04X", (int) c).isEqualTo(spring.test(value));
        }
        for (int codePoint : new int[] {0x1F600, 0x10000, 0xE0000, 0xE0001, 0xEFFFF, 0x10FFFF, 0x2FFFF, 0x20000}) {
            String value = "x" + Character.toString(codePoint) + "y";
            assertThat(ours.test(value)).as("U+%X", codePoint).isEqualTo(spring.test(value));
        }
        assertThat(ours.test("")).isEqualTo(spring.test(""));
        assertThat(ours.test(null)).as("an absent header").isEqualTo(spring.test(null)).isTrue();
        assertThat(ours.test("lone \uD800 surrogate")).isEqualTo(spring.test("lone \uD800 surrogate"));
        assertThat(ours.test("lone \uDC00 low surrogate")).isEqualTo(spring.test("lone \uDC00 low surrogate"));
    }
}
