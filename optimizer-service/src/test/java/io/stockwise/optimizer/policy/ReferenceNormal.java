package io.stockwise.optimizer.policy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The standard normal distribution for tests, computed in a way that shares nothing with
 * {@link NormalMath} (Marsaglia's series, a continued fraction, Acklam + Halley): the alternating
 * Taylor series of erf, Phi(x) = 1/2 + (1/sqrt(2 pi)) sum_n (-1)^n x^(2n+1) / (2^n n! (2n+1)),
 * summed in decimal arithmetic wide enough for its largest term (about e^(x^2/2)) and the tail
 * (about e^(-x^2/2)), so that the cancellation of the alternating terms costs nothing for
 * |x| <= 12 (pi by Machin's formula). The inverse is a
 * safeguarded Newton iteration on that CDF down to adjacent doubles. Slow (milliseconds a call) but exact to double
 * precision: a reference, not an implementation.
 */
final class ReferenceNormal {
    private static final MathContext MC = new MathContext(120, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal PI = machinPi();
    private static final BigDecimal INV_SQRT_TWO_PI = BigDecimal.ONE.divide(TWO.multiply(PI, MC).sqrt(MC), MC);

    private ReferenceNormal() {
    }

    /**
     * Phi(x), with an error below 1e-20 of min(Phi(x), 1 - Phi(x)): the working precision covers the
     * largest term, about e^(x^2 / 2), the tail's size e^(-x^2 / 2) and 22 more digits, so that the
     * alternating sum loses nothing.
     */
    static BigDecimal cdfExact(double x) {
        if (Math.abs(x) > 12) {
            throw new IllegalArgumentException("reference normal limited to |x| <= 12");
        }
        int tailDigits = (int) Math.ceil(0.2172 * x * x); // log10 e^(x^2 / 2)
        MathContext mc = new MathContext(24 + 2 * tailDigits, RoundingMode.HALF_EVEN);
        BigDecimal bx = new BigDecimal(x);
        BigDecimal x2 = bx.multiply(bx, mc);
        BigDecimal a = bx; // x^(2n+1) / (2^n n!)
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(22 + tailDigits);
        for (int n = 0; n < 5000; n++) {
            BigDecimal term = a.divide(BigDecimal.valueOf(2L * n + 1), mc);
            sum = (n % 2 == 0) ? sum.add(term, mc) : sum.subtract(term, mc);
            if (n > x2.doubleValue() && term.abs().compareTo(eps) < 0) {
                break;
            }
            a = a.multiply(x2, mc).divide(BigDecimal.valueOf(2L * (n + 1)), mc);
        }
        return new BigDecimal("0.5").add(INV_SQRT_TWO_PI.multiply(sum, MC), MC);
    }

    static double cdf(double x) {
        return cdfExact(x).doubleValue();
    }

    /** 1 - Phi(x), with full relative precision in the upper tail. */
    static double complementaryCdf(double x) {
        return BigDecimal.ONE.subtract(cdfExact(x), MC).doubleValue();
    }

    static double pdf(double x) {
        return Math.exp(-x * x / 2) * INV_SQRT_TWO_PI.doubleValue();
    }

    /**
     * Phi^-1(p): Newton steps on the exact CDF kept inside a shrinking bracket (bisection when a
     * step leaves it), then the closest of the neighbouring doubles.
     */
    static double inverseCdf(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1)");
        }
        BigDecimal target = new BigDecimal(p);
        double lo = -12;
        double hi = 12;
        double x = 0;
        for (int i = 0; i < 2000; i++) {
            double f = cdfExact(x).subtract(target, MC).doubleValue();
            if (f == 0) {
                return x;
            }
            if (f < 0) {
                lo = x;
            } else {
                hi = x;
            }
            double next = x - f / pdf(x);
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (next == x || Math.abs(next - x) <= 2 * Math.ulp(x)) {
                break;
            }
            x = next;
        }
        double best = x;
        BigDecimal bestGap = cdfExact(x).subtract(target, MC).abs();
        for (double candidate : new double[] {Math.nextDown(x), Math.nextUp(x),
                Math.nextDown(Math.nextDown(x)), Math.nextUp(Math.nextUp(x))}) {
            BigDecimal gap = cdfExact(candidate).subtract(target, MC).abs();
            if (gap.compareTo(bestGap) < 0) {
                best = candidate;
                bestGap = gap;
            }
        }
        return best;
    }

    /**
     * First-order loss L(z) = E[(Z - z)+] = phi(z) - z (1 - Phi(z)); beyond |z| = 12 (tails below
     * 1e-30) its limits 0 and -z.
     */
    static double loss(double z) {
        if (z > 12) {
            return 0;
        }
        if (z < -12) {
            return -z;
        }
        return pdf(z) - z * complementaryCdf(z);
    }

    /**
     * Second-order loss L2(z) = E[((Z - z)+)^2] / 2 = ((z^2 + 1)(1 - Phi(z)) - z phi(z)) / 2; beyond
     * |z| = 12 its limits 0 and (z^2 + 1) / 2.
     */
    static double secondOrderLoss(double z) {
        if (z > 12) {
            return 0;
        }
        if (z < -12) {
            return 0.5 * (z * z + 1);
        }
        return 0.5 * ((z * z + 1) * complementaryCdf(z) - z * pdf(z));
    }

    private static BigDecimal machinPi() {
        MathContext mc = new MathContext(140, RoundingMode.HALF_EVEN);
        return arctanInverse(5, mc).multiply(BigDecimal.valueOf(16), mc)
                .subtract(arctanInverse(239, mc).multiply(BigDecimal.valueOf(4), mc), mc);
    }

    /** arctan(1/n) by its Taylor series. */
    private static BigDecimal arctanInverse(int n, MathContext mc) {
        BigDecimal x = BigDecimal.ONE.divide(BigDecimal.valueOf(n), mc);
        BigDecimal x2 = x.multiply(x, mc);
        BigDecimal power = x;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(135);
        for (int k = 0; ; k++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * k + 1), mc);
            sum = (k % 2 == 0) ? sum.add(term, mc) : sum.subtract(term, mc);
            if (term.compareTo(eps) < 0) {
                return sum;
            }
            power = power.multiply(x2, mc);
        }
    }
}
