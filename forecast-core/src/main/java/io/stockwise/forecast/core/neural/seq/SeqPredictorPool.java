package io.stockwise.forecast.core.neural.seq;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.QuantileForecast;
import io.stockwise.forecast.core.neural.ShopContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool of {@link SeqPredictor}s over one loaded {@link SeqNetwork}, for concurrent serving,
 * with the same contract as {@code MqPredictorPool}: each call borrows a predictor for its
 * batched forward passes and returns it; callers beyond the pool's size wait (first come, first
 * served). Closing it waits (a bounded time) for borrowed predictors, then frees them and the
 * network.
 */
public final class SeqPredictorPool implements AutoCloseable {
    private final SeqNetwork network;
    private final ShopContext shop;
    private final BlockingQueue<SeqPredictor> idle;
    private final List<SeqPredictor> all;
    private volatile boolean closed;

    /**
     * @param network the loaded network; the pool owns it from now on and closes it
     * @param size predictors, at least 1
     * @param shop the shop inputs of served forecasts; {@code null} means the network's own
     *     {@link SeqNetwork#context()}
     */
    public SeqPredictorPool(SeqNetwork network, int size, ShopContext shop) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be positive, was " + size);
        }
        this.network = network;
        this.shop = shop != null ? shop : network.context();
        this.idle = new ArrayBlockingQueue<>(size, true);
        this.all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            var p = network.newPredictor();
            all.add(p);
            idle.add(p);
        }
    }

    /** The pooled network's configuration. */
    public SeqConfig config() {
        return network.config();
    }

    /** The model's name: {@code seq_lstm} or {@code seq_transformer}. */
    public String name() {
        return network.name();
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

    /** Forecasts {@code histories} on one borrowed predictor (see {@link SeqPredictor#forecast}); waits for a free one. */
    public List<QuantileForecast> forecast(List<DemandSeries> histories) {
        if (histories.isEmpty()) {
            return List.of();
        }
        SeqPredictor p;
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
        var back = new ArrayList<SeqPredictor>();
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
