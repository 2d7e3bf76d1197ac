package io.stockwise.forecast.core.neural;

import io.stockwise.forecast.core.QuantileForecast;

/** Test helpers of this package for tests elsewhere. */
public final class MqNetworkTestAccess {
    private MqNetworkTestAccess() {}

    /** Equal up to the float rounding of forward passes of different batch sizes. */
    public static void assertClose(QuantileForecast a, QuantileForecast b) {
        MqNetworkTest.assertClose(a, b);
    }
}
