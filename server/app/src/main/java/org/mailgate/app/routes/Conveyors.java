package org.mailgate.app.routes;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.mailgate.api.Service;
import org.mailgate.api.spool.WorkQueue;
import org.mailgate.delivery.RemoteDeliveryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel, as the conveyor between the stages. At stop the routes claim no more mail and finish what
 * they carry; deliveries still talking to remote servers after the grace period are cut, and their
 * mail stays queued for the next start.
 */
public final class Conveyors implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(Conveyors.class);

    private final Map<String, WorkQueue> queues;
    private final MailRoutes routes;
    private final RemoteDeliveryService delivery;
    private final Duration grace;
    private DefaultCamelContext camel;

    public Conveyors(Map<String, WorkQueue> queues, MailRoutes routes, RemoteDeliveryService delivery,
                     Duration grace) {
        this.queues = Map.copyOf(queues);
        this.routes = routes;
        this.delivery = delivery;
        this.grace = grace;
    }

    @Override
    public void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("mailgate");
        camel.disableJMX();
        // The routes carry ids only: nothing to cache, trace or keep a history of.
        camel.setStreamCaching(false);
        camel.setMessageHistory(false);
        camel.setBacklogTracing(false);
        camel.addComponent(Endpoints.COMPONENT, new WorkQueueComponent(queues));
        camel.addRoutes(routes);
        camel.start();
    }

    @Override
    public void stop() {
        if (camel == null) {
            return;
        }
        Thread cutter = Thread.ofVirtual().name("delivery-cutter").start(() -> {
            try {
                Thread.sleep(grace);
                LOG.warn("deliveries still under way after {} s; closing their connections", grace.toSeconds());
                delivery.abortConnections();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            camel.stop();
        } finally {
            cutter.interrupt();
        }
    }

    @Override
    public String serviceName() {
        return "camel routes";
    }
}
