package org.mailgate.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code GET /metrics}: every meter of the registry in the Prometheus text format. */
final class MetricsRoutes {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/metrics",
                request -> new Response(200, CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8))));
    }
}
