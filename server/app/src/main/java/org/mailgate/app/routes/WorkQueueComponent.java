package org.mailgate.app.routes;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.mailgate.api.spool.WorkQueue;

/**
 * A Camel component over Mailgate's stored queues: {@code mailgate-queue:NAME?consumers=N}. The queue
 * itself stays the source of truth; the endpoint only carries entry ids to a route.
 */
public final class WorkQueueComponent extends DefaultComponent {

    private final Map<String, WorkQueue> queues;

    public WorkQueueComponent(Map<String, WorkQueue> queues) {
        this.queues = Map.copyOf(queues);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        WorkQueue queue = queues.get(remaining);
        if (queue == null) {
            throw new IllegalArgumentException("no stored queue named '" + remaining + "'; known: " + queues.keySet());
        }
        WorkQueueEndpoint endpoint = new WorkQueueEndpoint(uri, this, queue);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
