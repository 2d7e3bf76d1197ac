package io.stockwise.optimizer.policy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The standard normal distribution for tests, computed in a way that shares nothing with
 * {@link NormalMath} (Marsaglia's series, a continued fraction, Acklam + Halley): the alternating
 * Taylor series of erf, Phi(x) = 1/2 + (1/sqrt(2 pi)) sum_n (-1)^n x^(2n+1) / (2^n n! (2n+1)),
 * summed in 120-digit decimal arithmetic (pi by Machin's formula), so that the cancellation of
 * the alternating terms (largest about e^(x^2/2)) costs nothing for |x| <= 12. The inverse is a
 * bisection on that CDF down to adjacent doubles. Slow (milliseconds a call) but exact to double
 * precision: a reference, not an implementation.
 */
final class ReferenceNormal {
    private static final MathContext MC = new MathContext(120, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal PI = machinPi();
    private static final BigDecimal INV_SQRT_TWO_PI = BigDecimal.ONE.divide(TWO.multiply(PI, MC).sqrt(MC), MC);

    private ReferenceNormal() {
    }

    /** Phi(x), exact to 120 digits (before rounding to a double). */
    static BigDecimal cdfExact(double x) {
        if (Math.abs(x) > 12) {
            throw new IllegalArgumentException("reference normal limited to |x| <= 12");
        }
        BigDecimal bx = new BigDecimal(x);
        BigDecimal x2 = bx.multiply(bx, MC);
        BigDecimal power = bx; // x^(2n+1)
        BigDecimal factor = BigDecimal.ONE; // 2^n n!
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(110);
        for (int n = 0; n < 5000; n++) {
            BigDecimal term = power.divide(factor.multiply(BigDecimal.valueOf(2L * n + 1), MC), MC);
            sum = (n % 2 == 0) ? sum.add(term, MC) : sum.subtract(term, MC);
            if (n > x2.doubleValue() && term.abs().compareTo(eps) < 0) {
                break;
            }
            power = power.multiply(x2, MC);
            factor = factor.multiply(BigDecimal.valueOf(2L * (n + 1)), MC);
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

    /** Phi^-1(p) by bisection on the exact CDF, to adjacent doubles. */
    static double inverseCdf(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1)");
        }
        BigDecimal target = new BigDecimal(p);
        double lo = -12;
        double hi = 12;
        while (hi - lo > 1e-18) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (cdfExact(mid).compareTo(target) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // the nearer of the two neighbours
        BigDecimal dLo = target.subtract(cdfExact(lo), MC).abs();
        BigDecimal dHi = cdfExact(hi).subtract(target, MC).abs();
        return dLo.compareTo(dHi) <= 0 ? lo : hi;
    }

    /** First-order loss L(z) = E[(Z - z)+] = phi(z) - z (1 - Phi(z)). */
    static double loss(double z) {
        return pdf(z) - z * complementaryCdf(z);
    }

    /** Second-order loss L2(z) = integral_z^inf L(t) dt = ((z^2 + 1)(1 - Phi(z)) - z phi(z)) / 2. */
    static double secondOrderLoss(double z) {
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
