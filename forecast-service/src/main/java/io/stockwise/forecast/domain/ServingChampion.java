package io.stockwise.forecast.domain;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The champion this instance serves: loaded once per registered version (its predictors are pooled
 * and reused by every request), and swapped when the registry names another champion. The registry
 * is asked at most once per {@code checkInterval}, and at once after this instance registered a
 * new champion ({@link #reload()}); the replaced model is freed in the background once its borrowed
 * predictors are back.
 */
public final class ServingChampion implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ServingChampion.class.getName());

    /** Serves no trained champion (tests, and planners built without a registry). */
    public static final ServingChampion NONE = new ServingChampion(ModelRegistry.EMPTY, m -> {
        throw new IllegalStateException("no loader");
    }, Duration.ofDays(365), System::nanoTime);

    private final ModelRegistry registry;
    private final Function<RegisteredModel, ChampionModel> loader;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private volatile ChampionModel current;
    private volatile long nextCheck;
    private volatile boolean checked;
    private String failedVersion;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param loader loads a registry row (with its artifact), e.g. {@link ChampionModel#load}
     * @param checkInterval how often the registry is asked which version is the champion
     */
    public ServingChampion(ModelRegistry registry, Function<RegisteredModel, ChampionModel> loader,
            Duration checkInterval, LongSupplier nanoTime) {
        this.registry = registry;
        this.loader = loader;
        this.intervalNanos = checkInterval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The champion to serve, loaded; empty before the first training (or when it cannot be loaded). */
    public Optional<ChampionModel> current() {
        if (!checked || current == null) {
            // Nothing to serve yet, or a reload was asked for: wait for the answer.
            if (!checked || nanoTime.getAsLong() - nextCheck >= 0) {
                lock.lock();
                try {
                    check();
                } finally {
                    lock.unlock();
                }
            }
        } else if (nanoTime.getAsLong() - nextCheck >= 0 && lock.tryLock()) {
            // A periodic check: one caller asks the registry, the others keep serving the loaded model.
            try {
                check();
            } finally {
                lock.unlock();
            }
        }
        return Optional.ofNullable(current);
    }

    /** The champion loaded now, without asking the registry (for gauges). */
    public Optional<ChampionModel> loaded() {
        return Optional.ofNullable(current);
    }

    /** Asks the registry at the next {@link #current()} (after this instance registered a champion). */
    public void reload() {
        checked = false;
    }

    private void check() {
        if (checked && nanoTime.getAsLong() - nextCheck < 0) {
            return; // another caller just checked
        }
        try {
            var version = registry.championVersion();
            var loaded = current;
            if (version.isEmpty()) {
                swap(null);
            } else if (loaded == null || !loaded.version().equals(version.get())) {
                if (!version.get().equals(failedVersion)) {
                    load(version.get());
                }
            }
        } finally {
            checked = true;
            nextCheck = nanoTime.getAsLong() + intervalNanos;
        }
    }

    private void load(String version) {
        var model = registry.champion();
        if (model.isEmpty()) {
            swap(null);
            return;
        }
        try {
            long start = System.nanoTime();
            var loaded = loader.apply(model.get());
            swap(loaded);
            failedVersion = null;
            LOG.log(System.Logger.Level.INFO, String.format("serving champion %s (%d predictors on %s), loaded in %.0f ms",
                    loaded.version(), loaded.predictors(), loaded.device(), (System.nanoTime() - start) / 1e6));
        } catch (RuntimeException e) {
            failedVersion = version;
            LOG.log(System.Logger.Level.ERROR, "cannot load champion " + version + "; its stored forecasts and the"
                    + " baseline serve", e);
            swap(null);
        }
    }

    private void swap(ChampionModel next) {
        var old = current;
        current = next;
        if (old != null && old != next) {
            var t = new Thread(old::close, "forecast-champion-close");
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            var old = current;
            current = null;
            if (old != null) {
                old.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
