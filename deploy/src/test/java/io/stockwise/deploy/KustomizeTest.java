package io.stockwise.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** k8s/base is the chart rendered with k8s/base/values.yaml; the overlays build and validate. */
class KustomizeTest {
    static String header(String base) {
        return "# GENERATED from helm/stockwise with k8s/" + base + "/values.yaml: do not edit. Regenerate with\n"
                + "# ./mvnw -pl deploy test -Dtest=KustomizeTest -Dstockwise.k8s.regenerate=true\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "base-secured"})
    void baseMatchesTheChart(String dir) throws IOException {
        String header = header(dir);
        String rendered = header + new Helm(Repo.CHART).template().withName("stockwise").withNamespace("stockwise")
                .withKubeVersion("1.30.0").withValuesFile(Repo.K8S.resolve(dir + "/values.yaml")).call();
        var base = Repo.K8S.resolve(dir + "/stockwise.yaml");
        if (Boolean.getBoolean("stockwise.k8s.regenerate")) {
            Files.writeString(base, rendered);
        }
        assertThat(Repo.read(base)).as("k8s/" + dir + "/stockwise.yaml is stale: " + header).isEqualTo(rendered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayBuildsValidObjects(String overlay) {
        var kubectl = Repo.require("kubectl", "Install kubectl 1.27 or later (kustomize v5): .ci/install-kubectl takes it"
                + " from the npm registry");
        var r = Repo.run(Repo.K8S, kubectl.toString(), "kustomize", "overlays/" + overlay);
        assertThat(r.exitCode()).as(r.output()).isZero();
        List<HasMetadata> objects = Repo.documents(r.output()).stream().map(KubernetesSchema::validate).toList();
        assertThat(objects).extracting(HasMetadata::getKind).contains("Deployment", "Service", "PodDisruptionBudget");
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace())
                .isEqualTo(overlay.equals("dev") ? "stockwise-dev" : "stockwise"));
        for (var o : objects) {
            if (o instanceof Deployment d) {
                var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
                assertThat(d.getSpec().getReplicas()).isEqualTo(overlay.equals("dev") ? 1 : 3);
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
                var env = c.getEnv().stream().collect(java.util.stream.Collectors.toMap(EnvVar::getName, e -> e));
                assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo("stockwise-postgresql");
                if (overlay.equals("dev")) {
                    assertThat(env.get("STOCKWISE_SECURITY_ENABLED").getValue()).isEqualTo("false");
                }
                if (overlay.equals("prod")) {
                    // prod is the secured base: TLS only, JWT roles, probes over HTTPS.
                    assertThat(env.get("QUARKUS_HTTP_INSECURE_REQUESTS").getValue()).isEqualTo("disabled");
                    assertThat(env.get("STOCKWISE_SECURITY_ENABLED").getValue()).isEqualTo("true");
                    assertThat(env.get("STOCKWISE_SECURITY_JWT_PUBLIC_KEY_FILE").getValue()).isEqualTo("/etc/stockwise/jwt/public.pem");
                    assertThat(c.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
                    assertThat(c.getVolumeMounts()).anySatisfy(m -> {
                        assertThat(m.getMountPath()).isEqualTo("/etc/stockwise/tls");
                        assertThat(m.getReadOnly()).isTrue();
                    });
                    assertThat(c.getImage()).endsWith(":0.1.0");
                    assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL").getValue()).contains("postgresql.databases.svc");
                    assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").getValue()).isEqualTo("kafka-bootstrap.kafka.svc:9092");
                }
            }
        }
        if (overlay.equals("dev")) {
            assertThat(objects).extracting(HasMetadata::getKind).contains("Secret");
        }
    }
}
