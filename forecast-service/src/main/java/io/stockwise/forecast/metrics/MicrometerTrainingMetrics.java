package io.stockwise.forecast.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockwise.forecast.domain.JobStatus;
import io.stockwise.forecast.domain.TrainingMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Exports {@code stockwise_forecast_training_jobs_total{outcome}} and
 * {@code stockwise_forecast_training_duration_seconds{outcome}}, registered up front.
 */
@ApplicationScoped
public class MicrometerTrainingMetrics implements TrainingMetrics {
    private final Map<JobStatus, Counter> jobs = new EnumMap<>(JobStatus.class);
    private final Map<JobStatus, Timer> durations = new EnumMap<>(JobStatus.class);
    private final ServingMetrics serving;

    public MicrometerTrainingMetrics(MeterRegistry registry, ServingMetrics serving) {
        this.serving = serving;
        for (var outcome : new JobStatus[] {JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED}) {
            var tag = outcome.name().toLowerCase(Locale.ROOT);
            jobs.put(outcome, Counter.builder("stockwise.forecast.training.jobs")
                    .description("Training jobs finished, by outcome").tag("outcome", tag).register(registry));
            durations.put(outcome, Timer.builder("stockwise.forecast.training.duration.seconds")
                    .description("Time a training job's worker ran, by outcome").tag("outcome", tag)
                    .maximumExpectedValue(Duration.ofHours(2)).register(registry));
        }
    }

    @Override
    public void jobFinished(JobStatus outcome, long nanos) {
        var counter = jobs.get(outcome);
        if (counter != null) {
            counter.increment();
            durations.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
        }
        if (outcome == JobStatus.SUCCEEDED) {
            // a new champion serves: show it now rather than at the next periodic refresh
            serving.refreshQuietly();
        }
    }
}
