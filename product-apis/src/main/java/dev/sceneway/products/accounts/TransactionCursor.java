package dev.sceneway.products.accounts;

import dev.sceneway.products.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transaction list's opaque {@code cursor}: base64url (RFC 4648 section 5, no padding) of the last row of the
 * previous page, {@code <booking time in epoch microseconds>.<transaction id>}, the two keys of the list's order.
 * Microseconds are PostgreSQL's timestamp precision, so the position is exact. Decoding is strict: a cursor we did not
 * issue is a {@code bad-request} naming the parameter.
 *
 * @param bookedAt      booking time of the last transaction shown
 * @param transactionId its id
 */
record TransactionCursor(Instant bookedAt, UUID transactionId) {

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final Pattern POSITION = Pattern.compile(
            "(-?[0-9]{1,19})\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, bookedAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "." + transactionId).getBytes(StandardCharsets.US_ASCII));
    }

    static TransactionCursor decode(String cursor) {
        if (!BASE64URL.matcher(cursor).matches()) {
            throw invalid();
        }
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            Matcher parts = POSITION.matcher(position);
            if (!parts.matches()) {
                throw invalid();
            }
            return new TransactionCursor(Instant.EPOCH.plus(Long.parseLong(parts.group(1)), ChronoUnit.MICROS),
                    UUID.fromString(parts.group(2)));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return ProblemException.badRequest(
                "Parameter 'cursor' is not a cursor from this list; use links.next of the previous page.");
    }
}
