package io.stockwise.forecast.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockwise.commons.error.ErrorCode;
import io.stockwise.commons.error.FieldViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ForecastPlannerTest {
    private static final Instant NOW = Instant.parse("2011-12-01T08:00:00Z");
    private static final SeriesId A = new SeriesId("A1", "default");
    private static final SeriesId B = new SeriesId("B2", "store-7");
    private static final LocalDate START = LocalDate.of(2011, 10, 1);

    private final FakeFeatureStore features = new FakeFeatureStore();
    private final List<ForecastRun> stored = new ArrayList<>();
    private final List<String> inferences = new ArrayList<>();
    private final ForecastPlanner planner = new ForecastPlanner(features, stored::add,
            (model, series, nanos) -> inferences.add(model + ":" + series), Clock.fixed(NOW, ZoneOffset.UTC),
            List.of(new SeasonalNaiveForecaster()), "seasonal_naive");

    @Test
    void forecastsEachSeriesInRequestOrderAndStoresOneRun() {
        features.put(A, START, 21, 2);
        features.put(B, START, 30, 5);

        var forecasts = planner.forecast(new ForecastQuery(List.of(B, A), 0, Optional.empty(), ""));

        assertThat(forecasts).extracting(SeriesForecast::series).containsExactly(B, A);
        assertThat(forecasts).allSatisfy(f -> assertThat(f.horizonDays()).isEqualTo(28));
        assertThat(forecasts.get(0).asOfDate()).isEqualTo(START.plusDays(29));
        assertThat(forecasts.get(0).days().get(0).mean()).isEqualTo(5);
        assertThat(forecasts.get(0).createTime()).isEqualTo(NOW);
        assertThat(stored).singleElement().satisfies(run -> {
            assertThat(run.model()).isEqualTo("seasonal_naive");
            assertThat(run.modelVersion()).isEqualTo("seasonal_naive-1");
            assertThat(run.horizonDays()).isEqualTo(28);
            assertThat(run.requestedAsOfDate()).isEmpty();
            assertThat(run.forecasts()).isEqualTo(forecasts);
        });
        assertThat(inferences).containsExactly("seasonal_naive:2");
    }

    @Test
    void readsHistoryAsOfTheRequestedDayAndPadsMissingDaysWithZeroDemand() {
        // The store answers up to the last day with demand (day 20); the request asks as of day 27.
        features.put(A, START, 21, 4);
        var asOf = START.plusDays(27);

        var f = planner.forecast(new ForecastQuery(List.of(A), 7, Optional.of(asOf), "seasonal_naive")).get(0);

        assertThat(features.asOfRequested).containsExactly(Optional.of(asOf));
        assertThat(f.asOfDate()).isEqualTo(asOf);
        assertThat(f.days().get(0).date()).isEqualTo(asOf.plusDays(1));
        // The last observed week is all zeros: day 21 to 27.
        assertThat(f.days()).allSatisfy(d -> assertThat(d.quantile(4)).isZero());
        assertThat(stored.get(0).requestedAsOfDate()).contains(asOf);
    }

    @Test
    void dropsDaysAfterTheRequestedAsOfDay() {
        features.put(A, START, 40, 3);
        var asOf = START.plusDays(19);

        var f = planner.forecast(new ForecastQuery(List.of(A), 1, Optional.of(asOf), "")).get(0);

        assertThat(f.asOfDate()).isEqualTo(asOf);
    }

    @Test
    void namesTheSeriesWithoutHistoryAndStoresNothing() {
        features.put(A, START, 21, 2);
        var missing = new SeriesId("NOPE", "default");

        assertThatThrownBy(() -> planner.forecast(new ForecastQuery(List.of(A, missing), 7, Optional.empty(), "")))
                .isInstanceOfSatisfying(SeriesNotFound.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.reason()).isEqualTo("SERIES_NOT_FOUND");
                    assertThat(e.getMessage()).contains("NOPE/default");
                });
        assertThat(stored).isEmpty();
    }

    @Test
    void treatsAHistoryEndingBeforeItsStartAsNotFound() {
        features.put(A, START, 21, 2);

        assertThatThrownBy(() -> planner.forecast(new ForecastQuery(List.of(A), 7, Optional.of(START.minusDays(1)), "")))
                .isInstanceOf(SeriesNotFound.class)
                .hasMessageContaining("on or before " + START.minusDays(1));
    }

    @Test
    void rejectsHorizonsOutsideOneTo366() {
        features.put(A, START, 21, 2);

        assertThat(violations(new ForecastQuery(List.of(A), -1, Optional.empty(), "")))
                .containsExactly(new FieldViolation("horizon_days", "OUT_OF_RANGE",
                        "must be between 1 and 366 (0 means 28), was -1"));
        assertThat(violations(new ForecastQuery(List.of(A), 367, Optional.empty(), "")))
                .extracting(FieldViolation::field).containsExactly("horizon_days");
        assertThat(planner.forecast(new ForecastQuery(List.of(A), 366, Optional.empty(), "")).get(0).horizonDays())
                .isEqualTo(366);
    }

    @Test
    void namesEveryBadSeriesFieldByIndex() {
        var series = List.of(A, new SeriesId("", "default"), new SeriesId("X/Y", " "), new SeriesId("S", "x".repeat(65)), A);

        assertThat(violations(new ForecastQuery(series, 7, Optional.empty(), ""))).containsExactly(
                new FieldViolation("series[1].sku_id", "REQUIRED", "is required"),
                new FieldViolation("series[2].sku_id", "INVALID_FORMAT", "must not contain '/'"),
                new FieldViolation("series[2].location_id", "REQUIRED", "is required"),
                new FieldViolation("series[3].location_id", "TOO_LONG", "must be at most 64 characters, was 65"),
                new FieldViolation("series[4]", "DUPLICATE", "repeats series[0] (A1/default)"));
    }

    @Test
    void requiresOneToAThousandSeries() {
        assertThat(violations(new ForecastQuery(List.of(), 7, Optional.empty(), "")))
                .containsExactly(new FieldViolation("series", "REQUIRED", "at least one series is required"));
        var tooMany = IntStream.range(0, 1001).mapToObj(i -> new SeriesId("S" + i, "default")).toList();
        assertThat(violations(new ForecastQuery(tooMany, 7, Optional.empty(), "")))
                .containsExactly(new FieldViolation("series", "OUT_OF_RANGE", "must hold at most 1000 series, held 1001"));
    }

    @Test
    void rejectsUnknownModels() {
        assertThat(violations(new ForecastQuery(List.of(A), 7, Optional.empty(), "prophet")))
                .containsExactly(new FieldViolation("model", "UNKNOWN_MODEL",
                        "must be empty or one of [seasonal_naive], was 'prophet'"));
    }

    @Test
    void rejectsAsOfDaysWithoutHistoryYet() {
        assertThat(violations(new ForecastQuery(List.of(A), 7, Optional.of(LocalDate.of(2011, 12, 3)), "")))
                .containsExactly(new FieldViolation("as_of_date", "OUT_OF_RANGE", "must not be after 2011-12-02, was 2011-12-03"));
    }

    @Test
    void reportsAllViolationsAtOnceInTheMessage() {
        assertThatThrownBy(() -> planner.forecast(new ForecastQuery(List.of(), 400, Optional.empty(), "x")))
                .isInstanceOfSatisfying(InvalidForecastRequest.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.violations()).extracting(FieldViolation::field)
                            .containsExactly("series", "horizon_days", "model");
                    assertThat(e.getMessage()).isEqualTo("series: at least one series is required (and 2 more)");
                });
        assertThat(features.asOfRequested).isEmpty();
    }

    @Test
    void refusesAChampionThatIsNotAModel() {
        assertThatThrownBy(() -> new ForecastPlanner(features, stored::add, ForecastMetrics.NONE, Clock.systemUTC(),
                List.of(new SeasonalNaiveForecaster()), "deepar"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<FieldViolation> violations(ForecastQuery query) {
        try {
            planner.forecast(query);
        } catch (InvalidForecastRequest e) {
            return e.violations();
        }
        return Collections.emptyList();
    }

    /** Histories by series, answered whole whatever the as-of day, so the planner's own clipping is what is tested. */
    @Test
    void servesTheStoredChampionForecastWhereOneCoversTheRequestAndTheBaselineElsewhere() {
        features.put(B, START, 30, 5);
        var asOf = START.plusDays(40);
        var days = new ArrayList<ForecastDay>();
        for (int h = 0; h < 28; h++) {
            days.add(new ForecastDay(asOf.plusDays(h + 1), h, new double[] {0, 0, 1, 1, h, h, h, h, h}));
        }
        var championOfA = new SeriesForecast(A, "champion", "champion-3", asOf, QuantileLevels.STANDARD, days,
                NOW.minusSeconds(60));
        var asked = new ArrayList<Optional<LocalDate>>();
        var registry = new RegistryStub() {
            @Override
            public Map<SeriesId, SeriesForecast> championForecasts(List<SeriesId> series, Optional<LocalDate> d) {
                asked.add(d);
                return series.contains(A) ? Map.of(A, championOfA) : Map.of();
            }
        };
        var withRegistry = new ForecastPlanner(features, stored::add, ForecastMetrics.NONE,
                Clock.fixed(NOW, ZoneOffset.UTC), List.of(new SeasonalNaiveForecaster()), "seasonal_naive", registry);

        var forecasts = withRegistry.forecast(new ForecastQuery(List.of(B, A), 7, Optional.empty(), ""));

        assertThat(forecasts).extracting(SeriesForecast::series).containsExactly(B, A);
        assertThat(forecasts.get(0).model()).isEqualTo("seasonal_naive");
        assertThat(forecasts.get(1).model()).isEqualTo("champion");
        assertThat(forecasts.get(1).modelVersion()).isEqualTo("champion-3");
        assertThat(forecasts.get(1).days()).isEqualTo(days.subList(0, 7));
        assertThat(asked).containsExactly(Optional.empty());
        // Only the computed baseline forecast is stored (the champion's was stored when trained).
        assertThat(stored).singleElement().satisfies(run -> assertThat(run.forecasts()).extracting(SeriesForecast::series)
                .containsExactly(B));
        // A longer horizon than the champion's, or a named model, is computed.
        features.put(A, START, 30, 2);
        stored.clear();
        assertThat(withRegistry.forecast(new ForecastQuery(List.of(A), 40, Optional.empty(), "")).get(0).model())
                .isEqualTo("seasonal_naive");
        assertThat(withRegistry.forecast(new ForecastQuery(List.of(A), 7, Optional.empty(), "seasonal_naive")).get(0)
                .model()).isEqualTo("seasonal_naive");
        assertThat(asked).hasSize(2);
    }

    @Test
    void theLoadedChampionComputesWhatTheStoreDoesNotHoldForItsVersionAndRefreshesChangedSeries() {
        features.put(A, START, 60, 3);
        features.put(B, START, 60, 5);
        var asOf = START.plusDays(59);
        // A stored forecast of A by an older version must not serve once another version is loaded.
        var days = new ArrayList<ForecastDay>();
        for (int h = 0; h < 14; h++) {
            days.add(new ForecastDay(asOf.plusDays(h + 1), 1, new double[] {0, 0, 1, 1, 1, 1, 1, 1, 1}));
        }
        var old = new SeriesForecast(A, "champion", "champion-1", asOf, QuantileLevels.STANDARD, days, NOW);
        var version = new java.util.concurrent.atomic.AtomicReference<>("champion-2");
        var loads = new ArrayList<String>();
        var registry = new RegistryStub() {
            @Override
            public Map<SeriesId, SeriesForecast> championForecasts(List<SeriesId> series, Optional<LocalDate> d) {
                return series.contains(A) ? Map.of(A, old) : Map.of();
            }

            @Override
            public Optional<String> championVersion() {
                return Optional.of(version.get());
            }

            @Override
            public Optional<RegisteredModel> champion() {
                return Optional.of(new RegisteredModel(version.get(), "champion", "2", asOf, 14,
                        "{\"choice\":{\"FAST\":\"weekday_ma\",\"INTERMITTENT\":\"tsb\",\"NEW\":\"weekday_ma\"}}",
                        List.of(), null, 0, NOW, true));
            }
        };
        var serving = new ServingChampion(registry, m -> {
            loads.add(m.version());
            return ChampionModel.load(m, 1, "cpu");
        }, java.time.Duration.ofHours(1), System::nanoTime);
        var withChampion = new ForecastPlanner(features, stored::add, (model, series, nanos) -> inferences.add(model + ":" + series),
                Clock.fixed(NOW, ZoneOffset.UTC), List.of(new SeasonalNaiveForecaster()), "seasonal_naive", registry, serving);

        var forecasts = withChampion.forecast(new ForecastQuery(List.of(B, A), 7, Optional.empty(), ""));

        var offline = new io.stockwise.forecast.core.model.WeekdayProfile();
        // What the champion serves: the chosen model's forecasts of the batch, post-processed.
        var cores = forecasts.stream().map(f -> CoreForecaster.toCore(features.histories.get(f.series()))).toList();
        var served = io.stockwise.forecast.core.ForecastPostProcessor.standard().apply(cores,
                cores.stream().map(h -> offline.forecast(h, 7)).toList());
        for (int i = 0; i < forecasts.size(); i++) {
            var f = forecasts.get(i);
            assertThat(f.model()).isEqualTo("champion");
            assertThat(f.modelVersion()).isEqualTo("champion-2");
            var expected = served.get(i);
            assertThat(f.days().get(3).mean()).isEqualTo(expected.mean()[3]);
            assertThat(f.days().get(3).quantiles()).containsExactly(expected.quantiles()[3]);
        }
        assertThat(stored).singleElement().satisfies(run -> {
            assertThat(run.model()).isEqualTo("champion");
            assertThat(run.modelVersion()).isEqualTo("champion-2");
            assertThat(run.forecasts()).hasSize(2);
        });
        assertThat(inferences).containsExactly("champion:2");
        // Longer than the champion's horizon: the baseline.
        assertThat(withChampion.forecast(new ForecastQuery(List.of(A), 15, Optional.empty(), "")).get(0).model())
                .isEqualTo("seasonal_naive");
        // Loaded once, reused; a new version is loaded after reload().
        withChampion.forecast(new ForecastQuery(List.of(B), 7, Optional.empty(), ""));
        assertThat(loads).containsExactly("champion-2");

        // Refresh: the changed series are re-forecast by the champion, stored and published as one run.
        stored.clear();
        version.set("champion-3");
        serving.reload();
        assertThat(withChampion.refresh(List.of(A, B, new SeriesId("GONE", "default")))).isEqualTo(2);
        assertThat(loads).containsExactly("champion-2", "champion-3");
        assertThat(stored).singleElement().satisfies(run -> {
            assertThat(run.modelVersion()).isEqualTo("champion-3");
            assertThat(run.horizonDays()).isEqualTo(14);
            assertThat(run.forecasts()).extracting(SeriesForecast::series).containsExactly(A, B);
        });
        // Without a champion nothing is refreshed.
        assertThat(planner.refresh(List.of(A))).isZero();
    }

    private static final class FakeFeatureStore implements FeatureStore {
        final Map<SeriesId, DemandHistory> histories = new HashMap<>();
        final List<Optional<LocalDate>> asOfRequested = new ArrayList<>();

        void put(SeriesId id, LocalDate start, int days, double quantity) {
            var q = new double[days];
            java.util.Arrays.fill(q, quantity);
            histories.put(id, new DemandHistory(id, start, q));
        }

        @Override
        public Optional<DemandHistory> demandHistory(SeriesId series, Optional<LocalDate> asOf) {
            asOfRequested.add(asOf);
            return Optional.ofNullable(histories.get(series));
        }
    }
}
