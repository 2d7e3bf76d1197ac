package io.stockwise.commons.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which roles may call which rpc. Roles are {@code ingest}, {@code planner}, {@code viewer} and
 * {@code admin}; a caller holds them as the {@code groups} claim of its JWT.
 *
 * <p>The default rules, by method name (full name {@code stockwise.v1.<Service>/<Method>}):
 *
 * <ul>
 *   <li>the standard health and reflection services are open (probes and tooling);
 *   <li>{@code IngestionService/Ingest*} and {@code Upsert*}: ingest, admin; other IngestionService reads: ingest,
 *       viewer, planner, admin;
 *   <li>{@code Get*}, {@code List*}, {@code Stream*} and {@code ForecastService/Forecast}: viewer,
 *       planner, admin;
 *   <li>{@code Plan*}, {@code Compute*}, {@code Simulate*}: planner, admin;
 *   <li>everything else (training, cancelling, rebuilding, new rpcs): admin only, so a new rpc is
 *       closed until a rule opens it.
 * </ul>
 *
 * Rules given in configuration win: the key is {@code Service/Method} or {@code Service/*}
 * (with or without the {@code stockwise.v1.} package), the value the allowed roles.
 */
public final class RolePolicy {
    /** The roles Stockwise knows. */
    public static final Set<String> ROLES = Set.of("ingest", "planner", "viewer", "admin");

    private static final Set<String> OPEN_SERVICES = Set.of(
            "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");
    private static final Set<String> READERS = Set.of("viewer", "planner", "admin");

    private final Map<String, Set<String>> overrides = new LinkedHashMap<>();

    /** @param overrides {@code Service/Method} or {@code Service/*} to allowed roles */
    public RolePolicy(Map<String, List<String>> overrides) {
        overrides.forEach((key, roles) -> {
            var set = new TreeSet<String>();
            roles.forEach(r -> set.add(r.trim().toLowerCase(Locale.ROOT)));
            set.remove("");
            this.overrides.put(stripPackage(key.trim()), Set.copyOf(set));
        });
    }

    /**
     * The roles allowed to call {@code fullMethodName}; empty when the method needs no
     * authentication at all (health, reflection).
     */
    public Optional<Set<String>> allowedRoles(String fullMethodName) {
        int slash = fullMethodName.lastIndexOf('/');
        var service = slash < 0 ? fullMethodName : fullMethodName.substring(0, slash);
        var method = slash < 0 ? "" : fullMethodName.substring(slash + 1);
        if (OPEN_SERVICES.contains(service)) {
            return Optional.empty();
        }
        var shortService = stripPackage(service);
        var exact = overrides.get(shortService + "/" + method);
        if (exact != null) {
            return Optional.of(exact);
        }
        var wildcard = overrides.get(shortService + "/*");
        if (wildcard != null) {
            return Optional.of(wildcard);
        }
        return Optional.of(defaults(shortService, method));
    }

    private static Set<String> defaults(String service, String method) {
        if (service.equals("IngestionService")) {
            return method.startsWith("Ingest") || method.startsWith("Upsert") ? Set.of("ingest", "admin") : Set.of("ingest", "viewer", "planner", "admin");
        }
        if (method.startsWith("Get") || method.startsWith("List") || method.startsWith("Stream")
                || (service.equals("ForecastService") && method.equals("Forecast"))) {
            return READERS;
        }
        if (method.startsWith("Plan") || method.startsWith("Compute") || method.startsWith("Simulate")) {
            return Set.of("planner", "admin");
        }
        return Set.of("admin");
    }

    private static String stripPackage(String service) {
        int slash = service.indexOf('/');
        var name = slash < 0 ? service : service.substring(0, slash);
        var rest = slash < 0 ? "" : service.substring(slash);
        int dot = name.lastIndexOf('.');
        return (dot < 0 ? name : name.substring(dot + 1)) + rest;
    }
}
