package io.stockwise.optimizer.domain;

import java.util.List;

/**
 * Quantiles of demand summed over consecutive days whose demands are independent.
 */
public interface DemandSumModel {
    /**
     * The {@code level} quantiles of demand over the first {@code leadTimeDays} days and over all of
     * {@code days}.
     *
     * @param days the daily demand distributions of the protection interval, in order
     * @param leadTimeDays how many of the first days make up the lead time, 0 to {@code days.size()}
     * @param level the probability level, strictly between 0 and 1
     */
    DemandSum quantiles(List<DailyDemand> days, int leadTimeDays, double level);

    /**
     * Quantiles of summed demand, in units.
     *
     * @param leadTime the quantile of demand over the lead time (0 when the lead time is 0 days)
     * @param protectionInterval the quantile of demand over the whole protection interval
     */
    record DemandSum(double leadTime, double protectionInterval) {}
}
