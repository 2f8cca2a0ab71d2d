package dev.sceneway.products.credit.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The annual percentage rate of charge (APR) of the EU Consumer Credit Directive, 2008/48/EC Annex I, for a loan paid
 * out once and repaid in monthly instalments, time measured in standard months of 1/12 year (as the annex allows).
 *
 * <p>The annex's equation {@code Σ C_k (1 + X)^−t_k = Σ D_l (1 + X)^−s_l} with the drawdown {@code C = P} at
 * {@code t = 0}, the arrangement fee paid by the customer at {@code s = 0} and instalment {@code k} at {@code s = k/12}
 * becomes, with {@code 1 + X = (1 + i)^12}:
 *
 * <pre>    P − fee = Σ_{k=1..n} instalment_k / (1 + i)^k,        APR = (1 + i)^12 − 1</pre>
 *
 * <p>Only the customer's cash flows count: a merchant's discount fee (0 % plans) is not a cost to the customer.
 * Shown as a percentage with 2 decimals, {@link RoundingMode#HALF_UP} (the annex asks for at least one decimal,
 * rounded half up).
 *
 * <p>Solver: Newton's method on {@code f(i) = Σ c_k (1 + i)^−k − (P − fee)} inside a bracket {@code [lo, hi]} that
 * always holds the root; a Newton step that would leave the bracket is replaced by bisection, so it converges even
 * where Newton alone would overshoot. It stops when a step moves {@code i} by less than {@link #TOLERANCE}. Because
 * every {@code c_k >= 0} and their sum is at least {@code P − fee > 0}, {@code f} is decreasing with exactly one
 * root, and {@code i >= 0}. The iteration runs in {@code double}: the APR is a rate, not money; the cash flows are
 * exact cents (exactly representable far beyond any loan size) and the solver's error (about 1e-13 on the monthly
 * rate) is 8 orders of magnitude below the display step of 0.005 percentage points.
 */
final class AnnualPercentageRate {

    /** Convergence: |Δi| on the monthly rate. */
    static final double TOLERANCE = 1e-13;
    private static final int MAX_ITERATIONS = 200;
    private static final int DISPLAY_SCALE = 2;

    private AnnualPercentageRate() {
    }

    /** APR in percent, 2 decimals, HALF_UP, of a loan paying out {@code netAdvance} and repaid by {@code instalments}. */
    static BigDecimal percent(BigDecimal netAdvance, List<BigDecimal> instalments) {
        double monthly = monthlyRate(netAdvance, instalments);
        if (monthly == 0.0) {
            return BigDecimal.ZERO.setScale(DISPLAY_SCALE);
        }
        double annual = Math.expm1(12 * Math.log1p(monthly)); // (1 + i)^12 − 1, accurate for small i
        return BigDecimal.valueOf(annual * 100).setScale(DISPLAY_SCALE, RoundingMode.HALF_UP);
    }

    /** The monthly rate {@code i} with {@code netAdvance = Σ instalment_k / (1 + i)^k}, instalments due at months 1..n. */
    static double monthlyRate(BigDecimal netAdvance, List<BigDecimal> instalments) {
        if (netAdvance.signum() <= 0) {
            throw new IllegalArgumentException("netAdvance must be > 0, but was " + netAdvance.toPlainString());
        }
        BigDecimal repaid = BigDecimal.ZERO;
        double[] flows = new double[instalments.size()];
        for (int k = 0; k < flows.length; k++) {
            BigDecimal instalment = instalments.get(k);
            if (instalment.signum() < 0) {
                throw new IllegalArgumentException("instalments must be >= 0, but #" + (k + 1) + " was " + instalment);
            }
            repaid = repaid.add(instalment);
            flows[k] = instalment.doubleValue();
        }
        int comparison = repaid.compareTo(netAdvance);
        if (comparison < 0) {
            throw new IllegalArgumentException("instalments must repay at least the net advance " + netAdvance
                    + ", but sum to " + repaid);
        }
        if (comparison == 0) {
            return 0.0; // interest-free and fee-free: exactly 0, not a solver's 1e-17
        }
        return solve(flows, netAdvance.doubleValue());
    }

    private static double solve(double[] flows, double target) {
        double lo = 0.0; // f(0) = Σ c_k − target > 0
        double hi = 0.01;
        while (presentValue(flows, hi)[0] > target) {
            hi *= 2; // f(hi) < 0 eventually: the present value falls to 0 as i grows
        }
        double rate = hi / 2;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] valueAndSlope = presentValue(flows, rate);
            double f = valueAndSlope[0] - target;
            if (f > 0) {
                lo = rate;
            } else {
                hi = rate;
            }
            double next = rate - f / valueAndSlope[1];
            if (!(next > lo && next < hi)) { // also catches NaN
                next = (lo + hi) / 2;
            }
            if (Math.abs(next - rate) < TOLERANCE) {
                return next;
            }
            rate = next;
        }
        throw new ArithmeticException("APR did not converge in " + MAX_ITERATIONS + " iterations");
    }

    /** {@code [Σ c_k v^k, d/di Σ c_k v^k]} with {@code v = 1 / (1 + i)}. */
    private static double[] presentValue(double[] flows, double rate) {
        double v = 1.0 / (1.0 + rate);
        double discount = 1.0;
        double value = 0.0;
        double slope = 0.0;
        for (int k = 0; k < flows.length; k++) {
            discount *= v;
            value += flows[k] * discount;
            slope -= (k + 1) * flows[k] * discount * v;
        }
        return new double[] {value, slope};
    }
}
