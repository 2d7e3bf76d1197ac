package io.stockwise.forecast.core.neural;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.QuantileForecast;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A fixed pool of DJL predictors over one loaded network, for concurrent serving: each call borrows
 * a predictor for its batched forward passes and returns it, so the network is loaded once and
 * never per call. Callers beyond the pool's size wait (first come, first served). Closing it waits
 * (a bounded time) for borrowed predictors, then frees them and the network. The global networks'
 * pools ({@link MqPredictorPool}, the sequence models' {@code SeqPredictorPool}) are this with their
 * own predictor type.
 *
 * @param <P> the predictor type
 */
public class PredictorPool<P extends PredictorPool.Member> implements AutoCloseable {
    /** One predictor of a pool: not thread-safe, so it serves one caller at a time. */
    public interface Member extends AutoCloseable {
        /** Forecasts the horizon after each history's last day, with the shop inputs {@code shop}. */
        List<QuantileForecast> forecast(List<DemandSeries> histories, ShopContext shop);

        @Override
        void close();
    }

    private final AutoCloseable network;
    private final ShopContext shop;
    private final BlockingQueue<P> idle;
    private final List<P> all;
    private volatile boolean closed;

    /**
     * @param network the loaded network; the pool owns it from now on and closes it last
     * @param newPredictor makes one predictor over {@code network}
     * @param size predictors, at least 1
     * @param shop the shop inputs of served forecasts
     */
    protected PredictorPool(AutoCloseable network, Supplier<P> newPredictor, int size, ShopContext shop) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be positive, was " + size);
        }
        this.network = network;
        this.shop = shop;
        this.idle = new ArrayBlockingQueue<>(size, true);
        this.all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            var p = newPredictor.get();
            all.add(p);
            idle.add(p);
        }
    }

    /** Predictors in the pool. */
    public int size() {
        return all.size();
    }

    /** The shop inputs the pool's forecasts use. */
    public ShopContext shop() {
        return shop;
    }

    /** Forecasts {@code histories} on one borrowed predictor; waits for a free one. */
    public List<QuantileForecast> forecast(List<DemandSeries> histories) {
        if (histories.isEmpty()) {
            return List.of();
        }
        P p;
        try {
            p = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a predictor", e);
        }
        try {
            if (closed) {
                throw new IllegalStateException("predictor pool closed");
            }
            return p.forecast(histories, shop);
        } finally {
            idle.add(p);
        }
    }

    /** Frees the predictors and the network, after waiting up to 30 s for borrowed predictors. */
    @Override
    public void close() {
        closed = true;
        var back = new ArrayList<P>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (back.size() < all.size() && System.nanoTime() < deadline) {
                var p = idle.poll(100, TimeUnit.MILLISECONDS);
                if (p != null) {
                    back.add(p);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (var p : all) {
            p.close();
        }
        try {
            network.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not free the network: " + e.getMessage(), e);
        }
    }
}
