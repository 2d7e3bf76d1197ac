package io.stockwise.forecast.domain;

/** The state of a {@link TrainingJob}. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** Whether the job can still change (queued or running). */
    public boolean active() {
        return this == QUEUED || this == RUNNING;
    }
}
