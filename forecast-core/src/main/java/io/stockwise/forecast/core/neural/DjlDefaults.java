package io.stockwise.forecast.core.neural;

/**
 * The product's DJL settings, each applied only when neither its system property nor (for offline)
 * its environment variable is set: no model-zoo downloads ({@code ai.djl.offline}), one intra-op and
 * one inter-op PyTorch thread (the batches are small, and spinning OpenMP workers on a busy machine
 * cost far more than they gain; callers parallelise across requests instead), and no TorchScript
 * graph optimiser (10-100x slower on small networks). DJL reads them as system properties when the
 * engine starts, so every network class calls {@link #apply()} before its first DJL use.
 */
public final class DjlDefaults {
    private DjlDefaults() {}

    /** Sets the defaults that are not set yet; idempotent. */
    public static synchronized void apply() {
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
