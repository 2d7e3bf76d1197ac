package io.stockwise.forecast.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A training job's stored state.
 *
 * @param id the job id
 * @param status its state
 * @param progress share of the work done, 0 to 1
 * @param message what it is doing, or why it failed
 * @param modelVersion the registered model version once succeeded, else empty
 * @param createTime when it was started
 * @param updateTime when it last changed
 */
public record TrainingJob(String id, JobStatus status, double progress, String message, String modelVersion,
        Instant createTime, Instant updateTime) {
    public TrainingJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        modelVersion = modelVersion == null ? "" : modelVersion;
    }
}
