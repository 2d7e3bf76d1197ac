package io.stockwise.forecast.core.neural;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.QuantileForecast;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool of {@link MqPredictor}s over one loaded {@link MqNetwork}, for concurrent serving:
 * each call borrows a predictor for one batched forward pass and returns it, so the network is
 * loaded once and never per call. Callers beyond the pool's size wait (first come, first served).
 * Closing it waits (a bounded time) for borrowed predictors, then frees them and the network.
 */
public final class MqPredictorPool implements AutoCloseable {
    private final MqNetwork network;
    private final ShopContext shop;
    private final BlockingQueue<MqPredictor> idle;
    private final List<MqPredictor> all;
    private volatile boolean closed;

    /**
     * @param network the loaded network; the pool owns it from now on and closes it
     * @param size predictors, at least 1
     * @param shop the shop inputs of served forecasts; {@code null} means the network's own
     *     {@link MqNetwork#context()} (required then)
     */
    public MqPredictorPool(MqNetwork network, int size, ShopContext shop) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be positive, was " + size);
        }
        this.network = network;
        this.shop = shop != null ? shop : network.context();
        if (this.shop == null) {
            throw new IllegalArgumentException("the network carries no shop context; pass one");
        }
        this.idle = new ArrayBlockingQueue<>(size, true);
        this.all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            var p = network.newPredictor();
            all.add(p);
            idle.add(p);
        }
    }

    /** The pooled network's configuration. */
    public MqConfig config() {
        return network.config();
    }

    /** The device the network runs on ({@code cpu()} or {@code gpu(0)}). */
    public String device() {
        return network.device();
    }

    /** Predictors in the pool. */
    public int size() {
        return all.size();
    }

    /** The shop inputs the pool's forecasts use. */
    public ShopContext shop() {
        return shop;
    }

    /**
     * Forecasts {@code histories} in one borrowed predictor's forward passes (see
     * {@link MqPredictor#forecast}); waits for a free predictor.
     */
    public List<QuantileForecast> forecast(List<DemandSeries> histories) {
        if (histories.isEmpty()) {
            return List.of();
        }
        MqPredictor p;
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
        var back = new ArrayList<MqPredictor>();
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
        network.close();
    }
}
