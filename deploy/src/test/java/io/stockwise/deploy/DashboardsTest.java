package io.stockwise.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lint of dashboards/*.json: fixed unique uids, a ${datasource} variable every query uses. */
class DashboardsTest {
    static List<Path> dashboards() {
        return Repo.list(Repo.CHART.resolve("dashboards"), "*.json");
    }

    static JsonNode parse(Path p) {
        try {
            return Repo.JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new AssertionError(p + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    @Test
    void theFourDashboardsExistWithFixedUniqueUids() {
        var uids = new HashSet<String>();
        for (var p : dashboards()) {
            var d = parse(p);
            String uid = d.path("uid").asText();
            assertThat(uid).as(p + " uid").matches("stockwise-[a-z-]+").hasSizeLessThanOrEqualTo(40);
            assertThat(uids.add(uid)).as("duplicate uid " + uid).isTrue();
            assertThat(d.path("title").asText()).startsWith("Stockwise / ");
            assertThat(d.path("id").isMissingNode() || d.path("id").isNull()).as(p + " must not pin a database id").isTrue();
        }
        assertThat(uids).containsExactlyInAnyOrder("stockwise-overview", "stockwise-pipeline", "stockwise-forecasting",
                "stockwise-replenishment");
    }

    @Test
    void everyPanelQueriesThroughTheDatasourceVariable() {
        for (var p : dashboards()) {
            var d = parse(p);
            boolean hasVariable = false;
            for (var v : d.path("templating").path("list")) {
                if (v.path("name").asText().equals("datasource")) {
                    hasVariable = v.path("type").asText().equals("datasource") && v.path("query").asText().equals("prometheus");
                }
            }
            assertThat(hasVariable).as(p + ": a datasource variable of type prometheus").isTrue();
            var ids = new HashSet<Integer>();
            assertThat(d.path("panels").size()).as(p + " panels").isPositive();
            for (var panel : d.path("panels")) {
                String where = p.getFileName() + " panel '" + panel.path("title").asText() + "'";
                assertThat(panel.path("title").asText()).as(where).isNotBlank();
                assertThat(ids.add(panel.path("id").asInt())).as(where + " unique id").isTrue();
                assertThat(panel.path("gridPos").path("w").asInt()).as(where).isBetween(1, 24);
                assertThat(panel.path("datasource").path("uid").asText()).as(where).isEqualTo("${datasource}");
                assertThat(panel.path("targets").size()).as(where + " targets").isPositive();
                for (var t : panel.path("targets")) {
                    assertThat(t.path("datasource").path("uid").asText()).as(where).isEqualTo("${datasource}");
                    assertThat(t.path("expr").asText()).as(where + " expr").isNotBlank();
                    assertThat(t.path("refId").asText()).as(where).isNotBlank();
                    assertThat(Repo.metricNames(t.path("expr").asText())).as(where + " selects a metric").isNotEmpty();
                }
            }
        }
    }
}
