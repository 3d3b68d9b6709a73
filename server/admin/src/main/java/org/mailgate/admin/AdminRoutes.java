package org.mailgate.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mailgate.api.delivery.OutgoingQueueControl;
import org.mailgate.api.health.HealthCheck;
import org.mailgate.api.repository.MailRepositoryReprocessor;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.api.trace.MailTracer;

/** Every endpoint of the admin API, over the stores it acts on. */
public final class AdminRoutes {

    private final List<Route> routes = new ArrayList<>();

    public AdminRoutes(List<HealthCheck> checks, OutgoingQueueControl queues, MailRepositoryStore repositories,
                       MailRepositoryReprocessor reprocessor, Set<MailRepositoryUrl> configuredRepositories,
                       PrometheusMeterRegistry metrics, AddressingStores addressing, MailTracer tracer,
                       TaskManager tasks, Clock clock) {
        routes.addAll(new HealthCheckRoutes(checks).routes());
        routes.addAll(new MetricsRoutes(metrics).routes());
        routes.addAll(new MailQueueRoutes(queues, tasks, clock).routes());
        routes.addAll(new MailRepositoryRoutes(repositories, reprocessor, configuredRepositories, tasks).routes());
        routes.addAll(new TaskRoutes(tasks).routes());
        MappingChanges mappingChanges = new MappingChanges(addressing.mappings(), addressing.rewriteTable());
        routes.addAll(new DomainRoutes(addressing.domains()).routes());
        routes.addAll(new DomainMappingRoutes(addressing.rewriteTable(), mappingChanges, addressing.domains()).routes());
        routes.addAll(new UserRoutes(addressing.users()).routes());
        routes.addAll(new MappingRoutes(addressing.rewriteTable(), mappingChanges).routes());
        routes.addAll(new TraceRoutes(tracer).routes());
    }

    List<Route> all() {
        return List.copyOf(routes);
    }
}
