package dev.sceneway.gateway.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * The rules of {@link StrictServerWebExchangeFirewall} for header names and values and for query parameter names,
 * decided by a loop instead of Spring's regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, values also
 * admitting a tab). The firewall checks every header on every read, and a bearer token is a header value of about a
 * kilobyte: the Unicode pattern was 3-4 % of the gateway's CPU. Printable ASCII, nearly every character a request
 * carries, is decided by one comparison; anything else by its code point, as the pattern does.
 */
final class FirewallCharacters {

    private FirewallCharacters() {
    }

    /** Header and query parameter names: assigned code points, no control character; no name at all passes. */
    static boolean name(@Nullable String text) {
        return text == null || allowed(text, false);
    }

    /**
     * Header values: as names, and a horizontal tab is allowed. The firewall also asks about absent headers
     * ({@code getFirst} of a header the request lacks), which pass, as with Spring's default.
     */
    static boolean headerValue(@Nullable String text) {
        return text == null || allowed(text, true);
    }

    /** The firewall with these rules instead of the default patterns; everything else as Spring's default. */
    static StrictServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(FirewallCharacters::name);
        firewall.setAllowedHeaderValues(FirewallCharacters::headerValue);
        firewall.setAllowedParameterNames(FirewallCharacters::name);
        return firewall;
    }

    private static boolean allowed(String text, boolean tab) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= ' ' && c < 0x7f || tab && c == '\t') {
                continue;
            }
            int codePoint = text.codePointAt(i);
            if (Character.isISOControl(codePoint) || !Character.isDefined(codePoint)) {
                return false;
            }
            if (Character.isSupplementaryCodePoint(codePoint)) {
                i++;
            }
        }
        return true;
    }
}
