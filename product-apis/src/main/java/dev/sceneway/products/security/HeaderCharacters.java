package dev.sceneway.products.security;

/**
 * The firewall's rule for header names and values, as Spring Security's default states it (no ISO control character,
 * no unassigned code point), checked with a loop over the code points instead of a regular expression: a bearer token
 * with its consent claims is a header value of a few kilobytes, read several times per request, and the default
 * pattern ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}) made its check one of the service's hottest paths.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    static boolean allowed(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (Character.isISOControl(codePoint) || !Character.isDefined(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
