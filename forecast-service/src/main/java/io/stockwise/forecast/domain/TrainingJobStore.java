package io.stockwise.forecast.domain;

import java.time.Instant;
import java.util.Optional;

/** Port: where training jobs' state is kept, so it survives restarts. */
public interface TrainingJobStore {
    /**
     * Stores a new {@link JobStatus#QUEUED} job.
     *
     * @throws TrainingJobRunning when another job is queued or running
     */
    TrainingJob create(TrainRequest request, Instant now);

    Optional<TrainingJob> find(String id);

    /**
     * Updates a job that is still active; a job that already finished (e.g. cancelled) is left
     * alone.
     *
     * @return whether the job was still active and got updated
     */
    boolean update(String id, JobStatus status, double progress, String message, String modelVersion, Instant now);

    /** Marks every queued or running job {@link JobStatus#FAILED} with {@code message}; returns how many. */
    int failActive(String message, Instant now);
}
