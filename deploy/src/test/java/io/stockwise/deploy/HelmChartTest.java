package io.stockwise.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Lints the chart and renders every ci/*-values.yaml scenario, validating each object. */
class HelmChartTest {
    static final List<String> SERVICES = List.of("ingestion", "feature", "forecast", "optimizer");

    static Stream<Path> scenarios() {
        return Repo.list(Repo.CHART.resolve("ci"), "*-values.yaml").stream();
    }

    static List<Map<String, Object>> renderMaps(Path values) {
        String out = new Helm(Repo.CHART).template().withName("sw").withNamespace("stockwise").withKubeVersion("1.30.0")
                .withValuesFile(values).call();
        return Repo.documents(out);
    }

    static List<HasMetadata> render(Path values) {
        return renderMaps(values).stream().map(KubernetesSchema::validate).toList();
    }

    static <T extends HasMetadata> Map<String, T> byName(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .collect(Collectors.toMap(o -> o.getMetadata().getName(), Function.identity()));
    }

    static Map<String, EnvVar> env(Container c) {
        return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    @Test
    void lintsStrictly() {
        var result = new Helm(Repo.CHART).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    @Test
    void lintCatchesABrokenTemplate(@org.junit.jupiter.api.io.TempDir Path tmp) throws java.io.IOException {
        // Guards the check above: the chart must lint past its required values to reach every template.
        var copy = tmp.resolve("stockwise");
        try (var files = java.nio.file.Files.walk(Repo.CHART)) {
            for (var f : files.toList()) {
                java.nio.file.Files.copy(f, copy.resolve(Repo.CHART.relativize(f).toString()));
            }
        }
        var workload = copy.resolve("templates/_workload.tpl");
        java.nio.file.Files.writeString(workload, Repo.read(workload).replace("{{ .root.Values.service.type }}", "{{ .root.Values.service.type "));
        var result = new Helm(copy).lint().strict().call();
        assertThat(result.isFailed()).isTrue();
        assertThat(result.getMessages()).anyMatch(m -> m.contains("_workload.tpl"));
    }

    @Test
    void scenariosCoverTheIssue() {
        assertThat(scenarios().map(p -> p.getFileName().toString()))
                .contains("defaults-values.yaml", "all-flags-values.yaml", "gpu-values.yaml", "external-secrets-values.yaml",
                        "secured-values.yaml", "mtls-values.yaml");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyScenarioRendersValidHardenedWorkloads(Path values) {
        var objects = render(values);
        var deployments = byName(objects, Deployment.class);
        assertThat(deployments).isNotEmpty();
        for (var d : deployments.values()) {
            var labels = d.getMetadata().getLabels();
            assertThat(labels).containsKeys("app.kubernetes.io/name", "app.kubernetes.io/instance",
                    "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "app.kubernetes.io/component", "helm.sh/chart");
            assertThat(d.getSpec().getSelector().getMatchLabels()).containsOnlyKeys(
                    "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component");
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
            var c = pod.getContainers().get(0);
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            boolean tls = env(c).containsKey("QUARKUS_HTTP_SSL_PORT");
            assertThat(c.getPorts()).first().satisfies(p -> {
                assertThat(p.getName()).isEqualTo(tls ? "https" : "http");
                assertThat(p.getContainerPort()).isEqualTo(tls ? 8443 : 8080);
            });
            assertThat(c.getPorts()).extracting(p -> p.getName()).isSubsetOf("http", "https", "management");
            assertThat(env(c)).containsKeys("QUARKUS_HTTP_PORT", "QUARKUS_DATASOURCE_JDBC_URL",
                    "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS",
                    "STOCKWISE_SECURITY_ENABLED");
            assertThat(env(c).get("QUARKUS_HTTP_PORT").getValue()).isEqualTo("8080");
            assertThat(env(c).get("QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef()).isNotNull();
            assertThat(c.getVolumeMounts()).filteredOn(m -> !m.getMountPath().equals("/tmp"))
                    .allSatisfy(m -> assertThat(m.getReadOnly()).as(m.getName()).isTrue());
        }
        for (var s : byName(objects, Service.class).values()) {
            assertThat(s.getSpec().getPorts()).extracting(p -> p.getName()).containsAnyOf("http", "https")
                    .contains("grpc").isSubsetOf("http", "https", "grpc", "management");
        }
    }

    @Test
    void defaultsWireTheGrpcClientsAndCreateThePasswordSecret() {
        var objects = render(Repo.CHART.resolve("ci/defaults-values.yaml"));
        var deployments = byName(objects, Deployment.class);
        assertThat(deployments.keySet()).containsExactlyInAnyOrder(
                "sw-stockwise-ingestion", "sw-stockwise-feature", "sw-stockwise-forecast", "sw-stockwise-optimizer");
        var forecast = env(deployments.get("sw-stockwise-forecast").getSpec().getTemplate().getSpec().getContainers().get(0));
        assertThat(forecast.get("QUARKUS_GRPC_CLIENTS_FEATURE_HOST").getValue()).isEqualTo("sw-stockwise-feature");
        assertThat(forecast.get("QUARKUS_GRPC_CLIENTS_FEATURE_PORT").getValue()).isEqualTo("9090");
        assertThat(forecast).doesNotContainKey("STOCKWISE_FORECAST_DEVICE");
        var optimizer = env(deployments.get("sw-stockwise-optimizer").getSpec().getTemplate().getSpec().getContainers().get(0));
        assertThat(optimizer.get("QUARKUS_GRPC_CLIENTS_FORECAST_HOST").getValue()).isEqualTo("sw-stockwise-forecast");
        assertThat(optimizer.get("QUARKUS_DATASOURCE_JDBC_URL").getValue()).isEqualTo("jdbc:postgresql://postgresql:5432/stockwise");
        assertThat(byName(objects, Secret.class)).containsKey("sw-stockwise-postgresql");
        assertThat(objects).extracting(HasMetadata::getKind)
                .doesNotContain("HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor",
                        "PrometheusRule", "ConfigMap");
    }

    @Test
    @SuppressWarnings("unchecked")
    void allFlagsRenderEveryOptionalObject() {
        var maps = renderMaps(Repo.CHART.resolve("ci/all-flags-values.yaml"));
        var objects = maps.stream().map(KubernetesSchema::validate).toList();
        var kinds = objects.stream().collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting()));
        assertThat(kinds).containsEntry("HorizontalPodAutoscaler", 4L).containsEntry("PodDisruptionBudget", 4L)
                .containsEntry("NetworkPolicy", 4L).containsEntry("ServiceMonitor", 4L)
                .containsEntry("PrometheusRule", 1L).containsEntry("ConfigMap", 4L);
        byName(objects, Deployment.class).values().forEach(d -> assertThat(d.getSpec().getReplicas()).isNull());
        var ingestion = env(byName(objects, Deployment.class).get("sw-stockwise-ingestion").getSpec().getTemplate()
                .getSpec().getContainers().get(0));
        assertThat(ingestion.get("STOCKWISE_OUTBOX_BATCH_SIZE").getValue()).isEqualTo("500");
        assertThat(ingestion.get("TZ").getValue()).isEqualTo("UTC");

        var rule = maps.stream().filter(m -> "PrometheusRule".equals(m.get("kind"))).findFirst().orElseThrow();
        var groups = (List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec")).get("groups");
        assertThat(groups).extracting(g -> g.get("name"))
                .containsExactly("stockwise.recording", "stockwise.alerts");
        var runbooks = groups.stream().flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream())
                .filter(r -> r.containsKey("alert"))
                .map(r -> (String) ((Map<String, Object>) r.get("annotations")).get("runbook_url")).toList();
        assertThat(runbooks).isNotEmpty().allMatch(u -> u.startsWith("https://wiki.example.com/stockwise/operations#"));

        var monitor = maps.stream().filter(m -> "ServiceMonitor".equals(m.get("kind"))).findFirst().orElseThrow();
        var spec = (Map<String, Object>) monitor.get("spec");
        assertThat(spec.get("jobLabel")).isEqualTo("app.kubernetes.io/component");
        var endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
        assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/q/metrics");

        var dashboards = maps.stream().filter(m -> "ConfigMap".equals(m.get("kind"))).toList();
        assertThat(dashboards).allSatisfy(cm -> {
            assertThat(((Map<String, Object>) cm.get("metadata")).get("namespace")).isEqualTo("monitoring");
            assertThat((Map<String, Object>) ((Map<String, Object>) cm.get("metadata")).get("labels"))
                    .containsEntry("grafana_dashboard", "1");
        });
    }

    @Test
    void gpuScenarioSchedulesForecastOnGpuNodes() {
        var objects = render(Repo.CHART.resolve("ci/gpu-values.yaml"));
        var deployments = byName(objects, Deployment.class);
        assertThat(deployments).doesNotContainKey("sw-stockwise-optimizer");
        var pod = deployments.get("sw-stockwise-forecast").getSpec().getTemplate().getSpec();
        var c = pod.getContainers().get(0);
        assertThat(c.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"))
                .containsEntry("memory", new Quantity("2Gi"));
        assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true").containsEntry("pool", "inference");
        assertThat(pod.getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
        assertThat(pod.getRuntimeClassName()).isEqualTo("nvidia");
        assertThat(env(c).get("STOCKWISE_FORECAST_DEVICE").getValue()).isEqualTo("gpu");
        var feature = deployments.get("sw-stockwise-feature").getSpec().getTemplate().getSpec();
        assertThat(feature.getContainers().get(0).getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(feature.getNodeSelector()).isNullOrEmpty();
    }

    @Test
    void externalSecretsAreReferencedNotCreated() {
        var objects = render(Repo.CHART.resolve("ci/external-secrets-values.yaml"));
        assertThat(byName(objects, Secret.class)).isEmpty();
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("ServiceAccount");
        for (var d : byName(objects, Deployment.class).values()) {
            var pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getServiceAccountName()).isEqualTo("stockwise");
            assertThat(pod.getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("registry-creds");
            var c = pod.getContainers().get(0);
            assertThat(c.getImage()).startsWith("registry.example.com/stockwise/").endsWith("-service:0.1.0-rc1");
            var env = env(c);
            assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef())
                    .satisfies(r -> assertThat(r.getName() + "/" + r.getKey()).isEqualTo("stockwise-db/db-password"));
            assertThat(env.get("QUARKUS_DATASOURCE_USERNAME").getValueFrom().getSecretKeyRef())
                    .satisfies(r -> assertThat(r.getName() + "/" + r.getKey()).isEqualTo("stockwise-db/db-user"));
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").getValueFrom().getSecretKeyRef())
                    .satisfies(r -> assertThat(r.getName() + "/" + r.getKey()).isEqualTo("stockwise-kafka/bootstrap"));
            assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL").getValue()).isEqualTo("jdbc:postgresql://pg.db.svc:5432/stockwise");
        }
    }

    @Test
    void helmTestPodChecksGrpcHealthOfEveryService() {
        // helm-java's template leaves hooks out; lint (above) renders and checks this file.
        var pod = Repo.read(Repo.CHART.resolve("templates/tests/test-grpc-health.yaml"));
        assertThat(pod).contains("helm.sh/hook: test", "-addr=", "$.Values.service.grpcPort", "readOnlyRootFilesystem: true");
    }

    @Test
    void missingPasswordFailsWithAMessage() {
        assertThatThrownBy(() -> new Helm(Repo.CHART).template().withName("sw").withKubeVersion("1.30.0").call())
                .hasMessageContaining("postgresql.password is required");
    }

    @Test
    void schemaRejectsAWrongType() {
        assertThatThrownBy(() -> new Helm(Repo.CHART).template().withName("sw").withKubeVersion("1.30.0")
                .set("postgresql.password", "x").set("services.forecast.replicas", "many").call())
                .hasMessageContaining("replicas");
    }

    @Test
    void everyValuesKeyHasAComment() {
        var lines = Repo.read(Repo.CHART.resolve("values.yaml")).lines().toList();
        var key = java.util.regex.Pattern.compile("^(\\s*)([A-Za-z][\\w.-]*):(\\s.*)?$");
        var missing = new java.util.ArrayList<String>();
        for (int i = 0; i < lines.size(); i++) {
            var m = key.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int j = i - 1;
            while (j >= 0 && lines.get(j).isBlank()) {
                j--;
            }
            boolean commented = j >= 0 && lines.get(j).trim().startsWith("#");
            // Keys of a list item ("- key: x" then "  operator: y") describe data, not values keys.
            int k = j;
            int indent = m.group(1).length();
            while (k >= 0 && key.matcher(lines.get(k)).matches() && lines.get(k).indexOf(lines.get(k).trim()) == indent) {
                k--;
            }
            boolean insideList = k >= 0 && lines.get(k).trim().startsWith("- ") && lines.get(k).indexOf('-') < indent;
            if (!commented && !insideList) {
                missing.add((i + 1) + ": " + lines.get(i).trim());
            }
        }
        assertThat(missing).as("values.yaml keys without a comment above them").isEmpty();
    }
}
