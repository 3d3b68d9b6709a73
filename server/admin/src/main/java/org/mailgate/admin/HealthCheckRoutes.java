package org.mailgate.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailgate.api.health.HealthCheck;

/**
 * {@code GET /healthcheck}, as James answers it: the worst status of all checks and each check's
 * answer; 200 when healthy or degraded, 503 when a check is unhealthy.
 */
final class HealthCheckRoutes {

    private final List<HealthCheck> checks;

    HealthCheckRoutes(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/healthcheck", request -> check()));
    }

    private Response check() {
        HealthCheck.Status overall = HealthCheck.Status.HEALTHY;
        List<Map<String, Object>> results = new ArrayList<>();
        for (HealthCheck check : checks) {
            HealthCheck.Result result;
            try {
                result = check.check();
            } catch (RuntimeException e) {
                result = HealthCheck.Result.unhealthy(String.valueOf(e.getMessage()));
            }
            if (result.status().compareTo(overall) > 0) {
                overall = result.status();
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("componentName", check.componentName());
            entry.put("escapedComponentName", check.componentName().replace(" ", "%20"));
            entry.put("status", name(result.status()));
            entry.put("cause", result.cause().orElse(null));
            results.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", name(overall));
        body.put("checks", results);
        return Response.json(overall == HealthCheck.Status.UNHEALTHY ? 503 : 200, body);
    }

    private static String name(HealthCheck.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
