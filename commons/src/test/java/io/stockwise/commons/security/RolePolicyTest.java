package io.stockwise.commons.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolePolicyTest {
    private final RolePolicy defaults = new RolePolicy(Map.of());

    @Test
    void healthAndReflectionAreOpen() {
        assertThat(defaults.allowedRoles("grpc.health.v1.Health/Check")).isEmpty();
        assertThat(defaults.allowedRoles("grpc.reflection.v1.ServerReflection/ServerReflectionInfo")).isEmpty();
    }

    @Test
    void defaultRulesFollowTheRpcNames() {
        assertThat(defaults.allowedRoles("stockwise.v1.IngestionService/IngestSales")).contains(Set.of("ingest", "admin"));
        assertThat(defaults.allowedRoles("stockwise.v1.IngestionService/UpsertProducts")).contains(Set.of("ingest", "admin"));
        assertThat(defaults.allowedRoles("stockwise.v1.IngestionService/GetIngestionStats")).get()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.collection(String.class))
                .contains("ingest", "viewer");
        assertThat(defaults.allowedRoles("stockwise.v1.FeatureService/ListSeries")).contains(Set.of("viewer", "planner", "admin"));
        assertThat(defaults.allowedRoles("stockwise.v1.ForecastService/Forecast")).contains(Set.of("viewer", "planner", "admin"));
        assertThat(defaults.allowedRoles("stockwise.v1.ReplenishmentService/PlanReplenishment")).contains(Set.of("planner", "admin"));
        assertThat(defaults.allowedRoles("stockwise.v1.ForecastService/TrainModel")).contains(Set.of("admin"));
    }

    @Test
    void configuredRulesWinExactThenWildcard() {
        var policy = new RolePolicy(Map.of(
                "ForecastService/TrainModel", List.of("admin", " Planner "),
                "stockwise.v1.FeatureService/*", List.of("viewer")));
        assertThat(policy.allowedRoles("stockwise.v1.ForecastService/TrainModel")).contains(Set.of("admin", "planner"));
        assertThat(policy.allowedRoles("stockwise.v1.FeatureService/GetDemandHistory")).contains(Set.of("viewer"));
        assertThat(policy.allowedRoles("stockwise.v1.ForecastService/Forecast")).contains(Set.of("viewer", "planner", "admin"));
    }
}
