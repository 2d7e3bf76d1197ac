package io.stockwise.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The validator itself: it must catch what a cluster's API server would reject. */
class KubernetesSchemaTest {
    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              replicas: %s
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers:
                    - name: c
                      image: i
                      %s
            """;

    @Test
    void acceptsAValidObject() {
        var d = KubernetesSchema.validate(Repo.documents(DEPLOYMENT.formatted("2", "ports: [{containerPort: 8080}]")).get(0));
        assertThat(d).isInstanceOf(Deployment.class);
    }

    @Test
    void rejectsAnUnknownFieldDeepInside() {
        assertThatThrownBy(() -> KubernetesSchema.validate(
                Repo.documents(DEPLOYMENT.formatted("2", "readinesProbe: {httpGet: {path: /q/health/ready, port: http}}")).get(0)))
                .hasMessageContaining("unknown fields").hasMessageContaining("readinesProbe");
    }

    @Test
    void rejectsAWrongType() {
        assertThatThrownBy(() -> KubernetesSchema.validate(Repo.documents(DEPLOYMENT.formatted("many", "")).get(0)))
                .hasMessageContaining("not a valid Kubernetes object");
    }

    @Test
    void rejectsAnUnknownKind() {
        assertThatThrownBy(() -> KubernetesSchema.validate(Repo.documents("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n").get(0)))
                .hasMessageContaining("unknown apiVersion/kind");
    }
}
