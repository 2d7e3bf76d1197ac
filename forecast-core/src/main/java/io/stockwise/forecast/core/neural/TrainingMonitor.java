package io.stockwise.forecast.core.neural;

/** Receives training progress and may cancel training between optimiser steps. */
public interface TrainingMonitor {
    /** A monitor that ignores progress and never cancels. */
    TrainingMonitor NONE = new TrainingMonitor() {};

    /** Called after each epoch with the share of training done, in (0, 1], and the epoch's mean loss. */
    default void progress(double fraction, double loss) {}

    /** Polled between steps; {@code true} stops training with {@link TrainingCancelled}. */
    default boolean cancelled() {
        return false;
    }

    /** Thrown when a monitor cancelled training. */
    final class TrainingCancelled extends RuntimeException {
        public TrainingCancelled() {
            super("training cancelled");
        }
    }
}
