package io.stockwise.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** promtool check/test of rules/**.yaml, and the house rules for every alert. */
class PrometheusRulesTest {
    static List<Path> ruleFiles() {
        return Stream.concat(Repo.list(Repo.CHART.resolve("rules"), "*.yaml").stream(),
                Repo.list(Repo.CHART.resolve("rules/pending"), "*.yaml").stream()).toList();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules(Path file) {
        var out = new ArrayList<Map<String, Object>>();
        for (var g : (List<Map<String, Object>>) Repo.yamlFile(file).get("groups")) {
            out.addAll((List<Map<String, Object>>) g.get("rules"));
        }
        return out;
    }

    static Path promtool() {
        return Repo.require("promtool", "Install the Debian package `prometheus` (apt-get install prometheus)");
    }

    @Test
    void promtoolChecksRules() {
        var cmd = new ArrayList<>(List.of(promtool().toString(), "check", "rules"));
        ruleFiles().forEach(f -> cmd.add(f.toString()));
        var r = Repo.run(Repo.CHART, cmd.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @Test
    void promtoolUnitTestsPass() {
        var tests = Repo.list(Repo.CHART.resolve("rules/tests"), "*.yaml");
        assertThat(tests).hasSizeGreaterThanOrEqualTo(2);
        var cmd = new ArrayList<>(List.of(promtool().toString(), "test", "rules"));
        tests.forEach(f -> cmd.add(f.toString()));
        var r = Repo.run(Repo.CHART.resolve("rules/tests"), cmd.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @Test
    void theRenderedPrometheusRuleIsValidForPromtool() throws java.io.IOException {
        var rule = HelmChartTest.renderMaps(Repo.CHART.resolve("ci/all-flags-values.yaml")).stream()
                .filter(m -> "PrometheusRule".equals(m.get("kind"))).findFirst().orElseThrow();
        var file = java.nio.file.Files.createTempFile("stockwise-rendered-rules", ".yaml");
        try {
            Repo.YAML.writeValue(file.toFile(), rule.get("spec"));
            var r = Repo.run(Repo.CHART, promtool().toString(), "check", "rules", file.toString());
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("SUCCESS: 15 rules found");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertFollowsTheHouseRulesAndHasARunbookAndATest() {
        var operations = Repo.read(Repo.ROOT.resolve("docs/operations.md"));
        var tests = new StringBuilder();
        Repo.list(Repo.CHART.resolve("rules/tests"), "*.yaml").forEach(t -> tests.append(Repo.read(t)));
        var alerts = ruleFiles().stream().flatMap(f -> rules(f).stream()).filter(r -> r.containsKey("alert")).toList();
        assertThat(alerts).extracting(a -> a.get("alert")).contains("StockwiseServiceDown", "StockwiseGrpcErrorRatioHigh",
                "StockwiseGrpcLatencyHigh", "StockwiseOutboxBacklog", "StockwiseConsumerLagHigh", "StockwiseForecastStale",
                "StockwiseForecastAccuracyDropped");
        for (var a : alerts) {
            String name = (String) a.get("alert");
            assertThat(name).matches("Stockwise[A-Z][A-Za-z]+");
            assertThat(a.get("for")).as(name + " for").isNotNull();
            assertThat(((Map<String, Object>) a.get("labels")).get("severity")).as(name).isIn("warning", "critical");
            var ann = (Map<String, Object>) a.get("annotations");
            assertThat(ann).as(name).containsKeys("summary", "description", "runbook_url");
            String anchor = name.toLowerCase();
            assertThat((String) ann.get("runbook_url")).endsWith("docs/operations.md#" + anchor);
            assertThat(operations).as("docs/operations.md section for " + name).contains("### " + name + "\n");
            assertThat(tests.toString()).as("promtool test of " + name).contains("alertname: " + name + "\n");
        }
    }
}
