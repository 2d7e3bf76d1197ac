package io.stockwise.forecast.domain;

/**
 * The backtest accuracy of one candidate model.
 *
 * @param model the candidate, e.g. {@code ets}, {@code mq_mlp+ets} or {@code champion}
 * @param wrmsse WRMSSE averaged over the total and series levels
 * @param wspl WSPL averaged over the total and series levels
 * @param maseMean mean MASE over series
 * @param maseMedian median MASE over series
 * @param coverage coverage of the central 50%, 67%, 95% and 99% intervals
 */
public record ModelScore(String model, double wrmsse, double wspl, double maseMean, double maseMedian,
        double[] coverage) {
    public ModelScore {
        coverage = coverage.clone();
    }
}
