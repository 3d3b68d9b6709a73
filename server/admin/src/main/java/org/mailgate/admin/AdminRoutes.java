package org.mailgate.admin;

import java.util.ArrayList;
import java.util.List;
import org.mailgate.api.delivery.OutgoingQueueControl;
import org.mailgate.api.health.HealthCheck;
import org.mailgate.api.repository.MailRepositoryReprocessor;
import org.mailgate.api.repository.MailRepositoryStore;

/** Every endpoint of the admin API, over the stores it acts on. */
public final class AdminRoutes {

    private final List<Route> routes = new ArrayList<>();

    public AdminRoutes(List<HealthCheck> checks, OutgoingQueueControl queues, MailRepositoryStore repositories,
                       MailRepositoryReprocessor reprocessor) {
        routes.addAll(new HealthCheckRoutes(checks).routes());
        routes.addAll(new MailQueueRoutes(queues).routes());
        routes.addAll(new MailRepositoryRoutes(repositories, reprocessor).routes());
    }

    List<Route> all() {
        return List.copyOf(routes);
    }
}
