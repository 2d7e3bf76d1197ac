package io.stockwise.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * TLS, mTLS, JWT and role wiring of the chart (docs/security.md): every service gets the key file,
 * the TLS Secret mounted read-only, probes that still answer, and its gRPC client's TLS settings.
 */
class SecurityWiringTest {
    static List<HasMetadata> render(String scenario) {
        return HelmChartTest.render(Repo.CHART.resolve("ci/" + scenario));
    }

    static Map<String, Deployment> deployments(List<HasMetadata> objects) {
        return HelmChartTest.byName(objects, Deployment.class);
    }

    static Container container(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    static Map<String, VolumeMount> mounts(Container c) {
        return c.getVolumeMounts().stream().collect(Collectors.toMap(VolumeMount::getName, m -> m));
    }

    static Map<String, Volume> volumes(PodSpec pod) {
        return pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
    }

    static List<Probe> probes(Container c) {
        return List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe());
    }

    @Test
    void defaultsRunInExplicitDevelopmentMode() {
        for (var d : deployments(render("defaults-values.yaml")).values()) {
            var c = container(d);
            assertThat(env(c)).containsEntry("STOCKWISE_SECURITY_ENABLED", "false")
                    .doesNotContainKeys("QUARKUS_HTTP_SSL_PORT", "QUARKUS_HTTP_INSECURE_REQUESTS",
                            "STOCKWISE_SECURITY_JWT_PUBLIC_KEY_FILE", "STOCKWISE_SECURITY_CLIENT_TOKEN_FILE");
            assertThat(mounts(c)).containsOnlyKeys("tmp");
            assertThat(probes(c)).allSatisfy(p -> {
                assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("http");
                assertThat(p.getHttpGet().getScheme()).isEqualTo("HTTP");
            });
        }
    }

    @Test
    void securedScenarioWiresTlsJwtRolesAndServiceTokens() {
        var objects = render("secured-values.yaml");
        var deployments = deployments(objects);
        assertThat(deployments).hasSize(4);
        for (var d : deployments.values()) {
            var pod = d.getSpec().getTemplate().getSpec();
            var c = container(d);
            var env = env(c);
            assertThat(env).containsEntry("STOCKWISE_SECURITY_ENABLED", "true")
                    .containsEntry("STOCKWISE_SECURITY_JWT_PUBLIC_KEY_FILE", "/etc/stockwise/jwt/public.pem")
                    .containsEntry("STOCKWISE_SECURITY_JWT_ISSUER", "https://login.example.com/realms/stockwise")
                    .containsEntry("STOCKWISE_SECURITY_JWT_AUDIENCE", "stockwise")
                    .containsEntry("QUARKUS_CONFIG_LOCATIONS", "/etc/stockwise/config/security.properties")
                    .containsEntry("QUARKUS_HTTP_SSL_PORT", "8443")
                    .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", "/etc/stockwise/tls/tls.crt")
                    .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", "/etc/stockwise/tls/tls.key")
                    .containsEntry("QUARKUS_HTTP_INSECURE_REQUESTS", "disabled")
                    .doesNotContainKeys("QUARKUS_HTTP_SSL_CLIENT_AUTH", "QUARKUS_MANAGEMENT_PORT");
            var mounts = mounts(c);
            assertThat(mounts).containsKeys("tls", "jwt", "security-config");
            assertThat(mounts.get("tls").getMountPath()).isEqualTo("/etc/stockwise/tls");
            assertThat(mounts.values()).filteredOn(m -> !m.getName().equals("tmp"))
                    .allSatisfy(m -> assertThat(m.getReadOnly()).isTrue());
            var volumes = volumes(pod);
            assertThat(volumes.get("tls").getSecret().getSecretName()).isEqualTo("stockwise-tls");
            assertThat(volumes.get("jwt").getSecret().getSecretName()).isEqualTo("sw-stockwise-jwt");
            assertThat(volumes.get("security-config").getConfigMap().getName()).isEqualTo("sw-stockwise-security");
            // No management interface: probes go to the TLS port over HTTPS (kubelet does not verify).
            assertThat(probes(c)).allSatisfy(p -> {
                assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("https");
                assertThat(p.getHttpGet().getScheme()).isEqualTo("HTTPS");
            });
        }
        var forecast = container(deployments.get("sw-stockwise-forecast"));
        assertThat(env(forecast)).containsEntry("QUARKUS_GRPC_CLIENTS_FEATURE_PLAIN_TEXT", "false")
                .containsEntry("QUARKUS_GRPC_CLIENTS_FEATURE_SSL_TRUST_STORE", "/etc/stockwise/tls/ca.crt")
                .containsEntry("QUARKUS_GRPC_CLIENTS_FEATURE_TLS_ENABLED", "true")
                .containsEntry("QUARKUS_GRPC_CLIENTS_FEATURE_TLS_TRUST_CERTIFICATE_PEM_CERTS", "/etc/stockwise/tls/ca.crt")
                .doesNotContainKey("QUARKUS_GRPC_CLIENTS_FEATURE_SSL_KEY")
                .containsEntry("STOCKWISE_SECURITY_CLIENT_TOKEN_FILE", "/etc/stockwise/client-token/token");
        assertThat(volumes(deployments.get("sw-stockwise-forecast").getSpec().getTemplate().getSpec()).get("client-token")
                .getSecret().getSecretName()).isEqualTo("stockwise-forecast-token");
        var optimizer = container(deployments.get("sw-stockwise-optimizer"));
        assertThat(env(optimizer)).containsEntry("QUARKUS_GRPC_CLIENTS_FORECAST_SSL_TRUST_STORE", "/etc/stockwise/tls/ca.crt")
                .containsEntry("STOCKWISE_SECURITY_CLIENT_TOKEN_FILE", "/etc/stockwise/client-token/jwt");
        assertThat(mounts(optimizer).get("client-token").getReadOnly()).isTrue();
        for (var svc : List.of("sw-stockwise-ingestion", "sw-stockwise-feature")) {
            assertThat(env(container(deployments.get(svc)))).doesNotContainKey("STOCKWISE_SECURITY_CLIENT_TOKEN_FILE")
                    .noneSatisfy((k, v) -> assertThat(k).startsWith("QUARKUS_GRPC_CLIENTS_"));
        }

        var secret = HelmChartTest.byName(objects, Secret.class).get("sw-stockwise-jwt");
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("public.pem")), StandardCharsets.UTF_8))
                .startsWith("-----BEGIN PUBLIC KEY-----");
        var rules = HelmChartTest.byName(objects, ConfigMap.class).get("sw-stockwise-security").getData().get("security.properties");
        assertThat(rules).contains("stockwise.security.rules.\"ForecastService/Forecast\"=planner,admin",
                "stockwise.security.rules.\"ReplenishmentService/*\"=planner,admin",
                "stockwise.security.rules.\"IngestionService/UpsertPrices\"=ingest,admin");
        for (var s : HelmChartTest.byName(objects, Service.class).values()) {
            assertThat(s.getSpec().getPorts()).extracting(p -> p.getName() + ">" + p.getTargetPort().getStrVal())
                    .containsExactly("https>https", "grpc>https");
        }
        for (var np : HelmChartTest.byName(objects, NetworkPolicy.class).values()) {
            assertThat(np.getSpec().getIngress().get(0).getPorts()).extracting(p -> p.getPort().getStrVal()).containsExactly("https");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void securedScenarioScrapesOverTlsWithTheSecretsCa() {
        var maps = HelmChartTest.renderMaps(Repo.CHART.resolve("ci/secured-values.yaml"));
        var monitors = maps.stream().filter(m -> "ServiceMonitor".equals(m.get("kind"))).toList();
        assertThat(monitors).hasSize(4).allSatisfy(m -> {
            var endpoint = ((List<Map<String, Object>>) ((Map<String, Object>) m.get("spec")).get("endpoints")).get(0);
            assertThat(endpoint).containsEntry("port", "https").containsEntry("scheme", "https");
            var tls = (Map<String, Object>) endpoint.get("tlsConfig");
            assertThat(((Map<String, Object>) ((Map<String, Object>) tls.get("ca")).get("secret")))
                    .containsEntry("name", "stockwise-tls").containsEntry("key", "ca.crt");
            assertThat((String) tls.get("serverName")).startsWith("sw-stockwise-");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void mtlsRequiresClientCertificatesAndMovesHealthToTheManagementPort() {
        var maps = HelmChartTest.renderMaps(Repo.CHART.resolve("ci/mtls-values.yaml"));
        var objects = maps.stream().map(KubernetesSchema::validate).toList();
        assertThat(HelmChartTest.byName(objects, Secret.class)).doesNotContainKey("sw-stockwise-jwt");
        // The chart's default rules close the reference-data writes to viewers and planners.
        assertThat(HelmChartTest.byName(objects, ConfigMap.class).get("sw-stockwise-security").getData().get("security.properties"))
                .contains("stockwise.security.rules.\"IngestionService/UpsertProducts\"=ingest,admin");
        for (var d : deployments(objects).values()) {
            var pod = d.getSpec().getTemplate().getSpec();
            var c = container(d);
            assertThat(env(c)).containsEntry("QUARKUS_HTTP_SSL_CLIENT_AUTH", "required")
                    .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_TRUST_STORE_FILE", "/etc/stockwise/tls/ca.crt")
                    .containsEntry("QUARKUS_MANAGEMENT_PORT", "9000")
                    .containsEntry("STOCKWISE_SECURITY_JWT_PUBLIC_KEY_FILE", "/etc/stockwise/jwt/issuer.pem")
                    .containsEntry("QUARKUS_CONFIG_LOCATIONS", "/etc/stockwise/config/security.properties");
            assertThat(volumes(pod).get("jwt").getSecret().getSecretName()).isEqualTo("stockwise-jwt-issuer");
            assertThat(volumes(pod).get("jwt").getSecret().getItems()).singleElement()
                    .satisfies(i -> assertThat(i.getKey()).isEqualTo("issuer.pem"));
            assertThat(mounts(c).get("tls").getReadOnly()).isTrue();
            assertThat(c.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                    .containsExactly("https:8443", "management:9000");
            assertThat(probes(c)).allSatisfy(p -> {
                assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("management");
                assertThat(p.getHttpGet().getScheme()).isEqualTo("HTTP");
            });
        }
        var forecast = env(container(deployments(objects).get("sw-stockwise-forecast")));
        assertThat(forecast).containsEntry("QUARKUS_GRPC_CLIENTS_FEATURE_SSL_CERTIFICATE", "/etc/stockwise/tls/tls.crt")
                .containsEntry("QUARKUS_GRPC_CLIENTS_FEATURE_SSL_KEY", "/etc/stockwise/tls/tls.key")
                .containsEntry("QUARKUS_GRPC_CLIENTS_FEATURE_TLS_KEY_CERTIFICATE_PEM_CERTS", "/etc/stockwise/tls/tls.crt")
                .containsEntry("QUARKUS_GRPC_CLIENTS_FEATURE_TLS_KEY_CERTIFICATE_PEM_KEYS", "/etc/stockwise/tls/tls.key");
        var optimizer = env(container(deployments(objects).get("sw-stockwise-optimizer")));
        assertThat(optimizer).containsEntry("QUARKUS_GRPC_CLIENTS_FORECAST_SSL_KEY", "/etc/stockwise/tls/tls.key");
        for (var s : HelmChartTest.byName(objects, Service.class).values()) {
            assertThat(s.getSpec().getPorts()).extracting(p -> p.getName()).containsExactly("https", "grpc", "management");
        }
        var monitors = maps.stream().filter(m -> "ServiceMonitor".equals(m.get("kind"))).toList();
        assertThat(monitors).hasSize(4).allSatisfy(m -> {
            var endpoint = ((List<Map<String, Object>>) ((Map<String, Object>) m.get("spec")).get("endpoints")).get(0);
            assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/q/metrics")
                    .doesNotContainKeys("scheme", "tlsConfig");
        });
    }

    @Test
    void helmTestPodSpeaksTls() {
        var pod = Repo.read(Repo.CHART.resolve("templates/tests/test-grpc-health.yaml"));
        assertThat(pod).contains("-tls-ca-cert=/etc/stockwise/tls/ca.crt", "-tls-client-cert=", "-tls-server-name=");
    }

    @Test
    void impossibleSettingsFailWithTheKeyToFix() {
        assertThatThrownBy(() -> template().set("tls.enabled", "true").call()).hasMessageContaining("tls.existingSecret");
        assertThatThrownBy(() -> template().set("tls.enabled", "true").set("tls.existingSecret", "t")
                .set("tls.mutual", "true").call()).hasMessageContaining("management.enabled");
        assertThatThrownBy(() -> template().set("security.enabled", "true").call())
                .hasMessageContaining("security.jwt.publicKey");
        assertThatThrownBy(() -> template().set("security.roleRules.ForecastService/Forecast[0]", "superuser").call())
                .hasMessageContaining("roleRules");
    }

    static com.marcnuri.helm.TemplateCommand template() {
        return new Helm(Repo.CHART).template().withName("sw").withKubeVersion("1.30.0").set("postgresql.password", "x");
    }
}
