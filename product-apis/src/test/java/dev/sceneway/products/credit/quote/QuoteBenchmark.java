package dev.sceneway.products.credit.quote;

import dev.sceneway.products.credit.catalogue.CreditProduct;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throughput and latency of quote computation on ONE thread (run by {@code bench/quotes.sh}; a harness, never a
 * test: timings on a shared build machine prove nothing in CI). Each quote is what one API call computes: every
 * eligible plan of a lakeside-like catalogue for a 24-month term (3 plans: 2 repayment methods of the standard loan,
 * the renovation loan with its fee), each with its schedule and APR, then mapped to the API models. Amounts vary
 * between calls so the work is not one memoised input. Arguments: [warm-up quotes] [measured quotes].
 */
public final class QuoteBenchmark {

    static final int TERM_MONTHS = 24;
    static final double TARGET_QUOTES_PER_SECOND = 20_000;

    private QuoteBenchmark() {
    }

    public static void main(String[] args) {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        List<CreditProduct> catalogue = TestProducts.lakeside();
        QuoteRequest[] requests = new QuoteRequest[256];
        for (int i = 0; i < requests.length; i++) { // 6,000.00 .. 49,350.00: the standard and renovation loans fit
            requests[i] = new QuoteRequest(BigDecimal.valueOf(600_000 + i * 17_000L, 2), "EUR", TERM_MONTHS, null);
        }
        int plansPerQuote = Quotes.quote(catalogue, requests[0]).size();

        long checksum = run(catalogue, requests, warmUp, null);
        long[] nanos = new long[measured];
        long start = System.nanoTime();
        checksum += run(catalogue, requests, measured, nanos);
        double seconds = (System.nanoTime() - start) / 1e9;

        Arrays.sort(nanos);
        double quotesPerSecond = measured / seconds;
        System.out.printf(Locale.ROOT, "Quote benchmark: %d-month quotes, %d products, %d plans per quote, 1 thread, %s%n",
                TERM_MONTHS, catalogue.size(), plansPerQuote, Runtime.version());
        System.out.printf(Locale.ROOT, "warm-up %,d quotes, measured %,d quotes in %.2f s (checksum %d)%n",
                warmUp, measured, seconds, checksum);
        System.out.printf(Locale.ROOT, "%-22s %14s %14s%n", "", "measured", "target");
        System.out.printf(Locale.ROOT, "%-22s %,14.0f %,14.0f  %s%n", "throughput (quotes/s)", quotesPerSecond,
                TARGET_QUOTES_PER_SECOND, quotesPerSecond >= TARGET_QUOTES_PER_SECOND ? "OK" : "BELOW TARGET");
        System.out.printf(Locale.ROOT, "%-22s %14.1f %14.1f  (mean budget at the target rate)%n",
                "latency p50 (us)", percentile(nanos, 0.50) / 1e3, 1e6 / TARGET_QUOTES_PER_SECOND);
        System.out.printf(Locale.ROOT, "%-22s %14.1f %14s%n", "latency p99 (us)", percentile(nanos, 0.99) / 1e3, "-");
    }

    /** Computes {@code count} quotes; records each one's duration when {@code nanos} is given. */
    private static long run(List<CreditProduct> catalogue, QuoteRequest[] requests, int count, long[] nanos) {
        long checksum = 0;
        for (int i = 0; i < count; i++) {
            long begin = System.nanoTime();
            List<QuotePlan> plans = Quotes.quote(catalogue, requests[i & (requests.length - 1)]);
            for (QuotePlan plan : plans) {
                checksum += CreditQuoteController.toApi(plan).getSchedule().size();
            }
            if (nanos != null) {
                nanos[i] = System.nanoTime() - begin;
            }
            checksum += plans.getFirst().totalInterest().unscaledValue().longValue(); // keeps the work observable
        }
        return checksum;
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
