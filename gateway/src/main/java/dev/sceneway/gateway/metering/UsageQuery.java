package dev.sceneway.gateway.metering;

import dev.sceneway.gateway.problem.GatewayProblem;
import dev.sceneway.gateway.problem.ProblemException;
import dev.sceneway.gateway.tenancy.BankRoute;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of {@code GET /admin/usage}, checked: optional {@code partner} and {@code bank} filters, and the
 * UTC days {@code from} and {@code to} (inclusive, ISO 8601 {@code yyyy-MM-dd}; by default the 30 days up to
 * today). Anything malformed, a reversed range or one longer than the cap is a {@code bad-request} problem.
 */
record UsageQuery(@Nullable String partner, @Nullable String bank, LocalDate from, LocalDate to) {

    /** OAuth client ids as the auth-server issues them; generous, but no spaces, quotes or control characters. */
    static final Pattern PARTNER = Pattern.compile("[A-Za-z0-9._~:@-]{1,128}");
    static final Pattern BANK = Pattern.compile(BankRoute.ID_PATTERN);
    static final int DEFAULT_DAYS = 30;

    static UsageQuery parse(Map<String, List<String>> parameters, LocalDate today, int maxDays) {
        @Nullable String partner = single(parameters, "partner");
        @Nullable String bank = single(parameters, "bank");
        if (partner != null && !PARTNER.matcher(partner).matches()) {
            throw invalid("Parameter 'partner' must be a client id: 1 to 128 of the characters A-Z a-z 0-9 . _ ~ : @ -.");
        }
        if (bank != null && !BANK.matcher(bank).matches()) {
            throw invalid("Parameter 'bank' must be a bank id (" + BankRoute.ID_PATTERN + ").");
        }
        @Nullable LocalDate to = date(parameters, "to");
        @Nullable LocalDate from = date(parameters, "from");
        LocalDate end = to != null ? to : (from != null ? min(from.plusDays(DEFAULT_DAYS - 1), today) : today);
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS - 1);
        if (start.isAfter(end)) {
            throw invalid("Parameter 'from' (" + start + ") must not be after 'to' (" + end + ").");
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > maxDays) {
            throw invalid("The range covers " + days + " days; at most " + maxDays + " can be asked for at once.");
        }
        return new UsageQuery(partner, bank, start, end);
    }

    long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    private static @Nullable LocalDate date(Map<String, List<String>> parameters, String name) {
        @Nullable String value = single(parameters, name);
        if (value == null) {
            return null;
        }
        try {
            // ISO_LOCAL_DATE: exactly yyyy-MM-dd (a year beyond 9999 needs a sign), a real calendar date.
            return LocalDate.parse(value);
        } catch (DateTimeParseException ex) {
            throw invalid("Parameter '" + name + "' must be a date as yyyy-MM-dd (UTC day), e.g. 2026-11-22.");
        }
    }

    private static @Nullable String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw invalid("Parameter '" + name + "' must be given at most once.");
        }
        if (values.isEmpty() || values.getFirst() == null || values.getFirst().isEmpty()) {
            return null;
        }
        return values.getFirst();
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(GatewayProblem.BAD_REQUEST, detail, null);
    }
}
