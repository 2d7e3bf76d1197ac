package io.stockwise.forecast.domain;

/** Port: what training jobs report to monitoring. */
public interface TrainingMetrics {
    /**
     * A job's worker finished.
     *
     * @param outcome {@link JobStatus#SUCCEEDED}, {@link JobStatus#FAILED} or {@link JobStatus#CANCELLED}
     * @param nanos how long the worker ran, in nanoseconds
     */
    void jobFinished(JobStatus outcome, long nanos);

    /** Metrics that go nowhere, for tests. */
    TrainingMetrics NONE = (outcome, nanos) -> {};
}
