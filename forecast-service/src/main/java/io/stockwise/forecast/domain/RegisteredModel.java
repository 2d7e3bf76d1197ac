package io.stockwise.forecast.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One version in the model registry.
 *
 * @param version the version id, as reported with its forecasts
 * @param model the model name, {@code champion}
 * @param jobId the training job that produced it
 * @param asOfDate the cutoff it was trained on
 * @param horizonDays days it forecasts
 * @param parametersJson hyper-parameters and the per-segment choice, as a JSON object
 * @param metrics backtest accuracy of every candidate
 * @param artifact the saved network, or an empty array when the network was not trained
 * @param artifactSize the artifact's size in bytes (for listings that do not load it)
 * @param createTime when it was registered
 * @param champion whether it serves
 */
public record RegisteredModel(String version, String model, String jobId, LocalDate asOfDate, int horizonDays,
        String parametersJson, List<ModelScore> metrics, byte[] artifact, long artifactSize, Instant createTime,
        boolean champion) {
    public RegisteredModel {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(model, "model");
        metrics = List.copyOf(metrics);
        artifact = artifact == null ? new byte[0] : artifact;
    }
}
