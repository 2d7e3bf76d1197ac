package io.stockwise.optimizer.domain;

/** The standard normal distribution: density, CDF and loss function. */
public final class Gaussian {
    private Gaussian() {}

    /** The density phi(z). */
    public static double pdf(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    /** Phi(z), from {@link #erfc} (absolute error below 1e-7). */
    public static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** The standard normal loss function E[(Z - z)^+] = phi(z) - z (1 - Phi(z)). */
    public static double loss(double z) {
        return pdf(z) - z * (1 - cdf(z));
    }

    /** erfc(x), Numerical Recipes' Chebyshev approximation (fractional error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
