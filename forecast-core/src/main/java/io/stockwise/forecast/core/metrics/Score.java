package io.stockwise.forecast.core.metrics;

/**
 * Accuracy of one model on one split.
 *
 * @param wrmsseTotal RMSSE of the total (all series summed)
 * @param wrmsseSku revenue-weighted RMSSE over series
 * @param wsplTotal scaled pinball loss of the total, averaged over the nine levels
 * @param wsplSku revenue-weighted scaled pinball loss over series
 * @param maseMean mean over series of MASE (median forecast)
 * @param maseMedian median over series of MASE
 * @param coverage share of actual series-days inside the central 50%, 67%, 95% and 99% intervals
 * @param rmsse per series RMSSE (NaN where the scale is 0)
 * @param spl per series scaled pinball loss
 * @param weights per series revenue weights (sum 1)
 */
public record Score(double wrmsseTotal, double wrmsseSku, double wsplTotal, double wsplSku, double maseMean,
        double maseMedian, double[] coverage, double[] rmsse, double[] spl, double[] weights) {
    /** The M5-style average of the two levels. */
    public double wrmsse() {
        return (wrmsseTotal + wrmsseSku) / 2;
    }

    /** The M5-style average of the two levels. */
    public double wspl() {
        return (wsplTotal + wsplSku) / 2;
    }
}
