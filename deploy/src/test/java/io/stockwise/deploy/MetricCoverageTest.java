package io.stockwise.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every metric a dashboard or an alert names is exported by a running service. The exported
 * names are fixtures captured from the four services' /q/metrics under ./stockwise demo
 * (src/test/resources/metrics/*.txt; refresh with deploy/capture-metrics.sh).
 */
class MetricCoverageTest {
    /** Series Prometheus makes itself rather than scraping them. */
    static final Set<String> PROMETHEUS_SERIES = Set.of("up");
    /** Metrics the pending alerts wait for (docs/operations.md, "Pending metrics"). */
    static final Set<String> PENDING = Set.of();

    static Set<String> exported() {
        var names = new TreeSet<String>();
        for (var f : Repo.list(Repo.ROOT.resolve("deploy/src/test/resources/metrics"), "*.txt")) {
            Repo.read(f).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(names::add);
        }
        return names;
    }

    static Map<String, Set<String>> usedBy(boolean pending) {
        var used = new TreeMap<String, Set<String>>();
        var recorded = new HashSet<String>();
        var files = pending ? Repo.list(Repo.CHART.resolve("rules/pending"), "*.yaml") : Repo.list(Repo.CHART.resolve("rules"), "*.yaml");
        for (var f : files) {
            for (var r : PrometheusRulesTest.rules(f)) {
                if (r.containsKey("record")) {
                    recorded.add((String) r.get("record"));
                }
                String where = f.getFileName() + " " + r.getOrDefault("alert", r.get("record"));
                Repo.metricNames((String) r.get("expr")).forEach(m -> used.computeIfAbsent(m, k -> new TreeSet<>()).add(where));
            }
        }
        if (!pending) {
            for (var p : DashboardsTest.dashboards()) {
                for (var panel : DashboardsTest.parse(p).path("panels")) {
                    for (var t : panel.path("targets")) {
                        String where = p.getFileName() + " '" + panel.path("title").asText() + "'";
                        Repo.metricNames(t.path("expr").asText()).forEach(m -> used.computeIfAbsent(m, k -> new TreeSet<>()).add(where));
                    }
                }
            }
        }
        recorded.forEach(used::remove);
        return used;
    }

    @Test
    void fixturesHoldEveryService() {
        assertThat(Repo.list(Repo.ROOT.resolve("deploy/src/test/resources/metrics"), "*.txt"))
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("ingestion-service.txt", "feature-service.txt", "forecast-service.txt", "optimizer-service.txt");
        assertThat(exported()).contains("grpc_server_processing_duration_seconds_count", "stockwise_outbox_age_seconds");
    }

    @Test
    void everyMetricInADashboardOrAnAlertIsExported() {
        var exported = exported();
        var missing = new TreeMap<String, Set<String>>();
        usedBy(false).forEach((metric, where) -> {
            if (!exported.contains(metric) && !PROMETHEUS_SERIES.contains(metric)) {
                missing.put(metric, where);
            }
        });
        assertThat(missing).as("metrics no service exports (name -> used by)").isEmpty();
    }

    @Test
    void pendingAlertsUseOnlyTheListedMetricsAndMoveOnceTheyExist() {
        var used = usedBy(true).keySet();
        assertThat(used).isSubsetOf(PENDING);
        // AssertJ rejects an empty set to look for; none is pending at the moment
        PENDING.forEach(m -> assertThat(exported()).as("now exported: move its alert from rules/pending/ to rules/stockwise.yaml")
                .doesNotContain(m));
    }

    @Test
    void metricNameExtractionSkipsFunctionsLabelsAndDurations() {
        assertThat(Repo.metricNames("sum by (job, le) (rate(a_total{job=~\"$job\",x=\"y z\"}[$__rate_interval])) / ignoring(le) b_count offset 7d > 1.2 * c:rec"))
                .containsExactlyInAnyOrder("a_total", "b_count", "c:rec");
    }
}
