package io.stockwise.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Offline schema check of rendered manifests with the fabric8 model: deserialisation fails on
 * type errors, and any field the model does not know lands in an additionalProperties map, which
 * this walks and reports. Custom resources of the Prometheus Operator are not in the model: they
 * come back generic and are only checked for apiVersion/kind/metadata here (their content is
 * checked by the tests that render them).
 */
final class KubernetesSchema {
    static final Set<String> CUSTOM_KINDS = Set.of("monitoring.coreos.com/v1/ServiceMonitor",
            "monitoring.coreos.com/v1/PrometheusRule");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KubernetesSchema() {}

    /** The typed objects of a manifest map; throws AssertionError listing every problem found. */
    static HasMetadata validate(Map<String, Object> manifest) {
        String id = manifest.get("apiVersion") + "/" + manifest.get("kind") + " "
                + ((Map<?, ?>) manifest.getOrDefault("metadata", Map.of())).get("name");
        HasMetadata typed;
        try {
            typed = SERIALIZATION.unmarshal(SERIALIZATION.asJson(manifest), HasMetadata.class);
        } catch (RuntimeException e) {
            throw new AssertionError(id + ": not a valid Kubernetes object: " + e.getMessage(), e);
        }
        if (typed.getMetadata() == null || typed.getMetadata().getName() == null || typed.getMetadata().getName().isBlank()) {
            throw new AssertionError(id + ": metadata.name is required");
        }
        if (typed instanceof GenericKubernetesResource) {
            if (!CUSTOM_KINDS.contains(typed.getApiVersion() + "/" + typed.getKind())) {
                throw new AssertionError(id + ": unknown apiVersion/kind");
            }
            return typed;
        }
        var problems = new ArrayList<String>();
        walk(typed, "", problems, new IdentityHashMap<>());
        if (!problems.isEmpty()) {
            throw new AssertionError(id + ": unknown fields " + problems);
        }
        return typed;
    }

    private static void walk(Object o, String path, List<String> problems, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (var e : c) {
                walk(e, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), problems, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method method : o.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            String field = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
            Object value;
            try {
                value = method.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // A model getter that throws is a field the object cannot give back: report it, never skip it.
                problems.add(path + "." + field + " (unreadable: " + e + ")");
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> problems.add(path + "." + k));
                }
                continue;
            }
            walk(value, path + "." + field, problems, seen);
        }
    }
}
