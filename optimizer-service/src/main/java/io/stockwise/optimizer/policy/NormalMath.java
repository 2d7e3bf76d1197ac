package io.stockwise.optimizer.policy;

/**
 * The standard normal distribution to about 1e-15: density, cdf, complementary cdf, inverse cdf and
 * the first- and second-order loss functions. Own code so results do not depend on a library's
 * approximation (Abramowitz-Stegun style 1e-7 approximations are not exact enough for textbook
 * answers at the fourth digit).
 */
public final class NormalMath {
    private static final double INV_SQRT_2PI = 0.39894228040143267794;

    private NormalMath() {
    }

    /** Density phi(z). */
    public static double pdf(double z) {
        return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    }

    /** Phi(z) = P(Z <= z). */
    public static double cdf(double z) {
        return z >= 0 ? 1 - upperTail(z) : upperTail(-z);
    }

    /** 1 - Phi(z), without cancellation in the upper tail. */
    public static double complementaryCdf(double z) {
        return z >= 0 ? upperTail(z) : 1 - upperTail(-z);
    }

    private static double upperTail(double z) {
        if (z > 40) {
            return 0;
        }
        if (z < 3) {
            // Marsaglia (2004): Phi(z) = 1/2 + phi(z) (z + z^3/3 + z^5/15 + ...).
            double sum = z;
            double term = z;
            double z2 = z * z;
            for (int i = 3; i < 500; i += 2) {
                term = term * z2 / i;
                double next = sum + term;
                if (next == sum) {
                    break;
                }
                sum = next;
            }
            return 0.5 - pdf(z) * sum;
        }
        // Mills ratio continued fraction, evaluated backwards: 1 - Phi(z) = phi(z) / (z + 1/(z + 2/(z + ...))).
        double t = z;
        for (int k = 400; k >= 1; k--) {
            t = z + k / t;
        }
        return pdf(z) / t;
    }

    /** Phi^{-1}(q) for 0 < q < 1 (Acklam's rational approximation polished by Halley steps). */
    public static double inverseCdf(double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("quantile level must be in (0,1): " + q);
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                6.680131188771972e+01, -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                3.754408661907416e+00};
        double x;
        if (q < 0.02425) {
            double r = Math.sqrt(-2 * Math.log(q));
            x = (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5])
                    / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
        } else if (q <= 1 - 0.02425) {
            double r = q - 0.5;
            double s = r * r;
            x = (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r
                    / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
        } else {
            double r = Math.sqrt(-2 * Math.log1p(-q));
            x = -(((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5])
                    / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
        }
        for (int i = 0; i < 3; i++) {
            // Work on the smaller tail so the residual keeps its relative precision.
            double e = q < 0.5 ? cdf(x) - q : (1 - q) - complementaryCdf(x);
            double u = e / pdf(x);
            x = x - u / (1 + x * u / 2);
        }
        return x;
    }

    /** Standard normal loss function L(z) = E[(Z - z)+]. */
    public static double loss(double z) {
        return pdf(z) - z * complementaryCdf(z);
    }

    /** Complementary loss E[(z - Z)+] = L(z) + z. */
    public static double complementaryLoss(double z) {
        return loss(z) + z;
    }

    /** Second-order loss L2(z) = E[((Z - z)+)^2] / 2 = integral of L from z to infinity. */
    public static double secondOrderLoss(double z) {
        return 0.5 * ((z * z + 1) * complementaryCdf(z) - z * pdf(z));
    }
}
