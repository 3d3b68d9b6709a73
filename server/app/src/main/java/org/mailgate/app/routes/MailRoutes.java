package org.mailgate.app.routes;

import org.apache.camel.builder.RouteBuilder;
import org.mailgate.container.engine.Spooler;
import org.mailgate.delivery.RemoteDeliveryService;

/**
 * The two conveyors: spool to container, outgoing queue to delivery. Each route carries an entry id
 * and calls one feature; all mail logic lives in those features, none in the routes.
 */
public final class MailRoutes extends RouteBuilder {

    private final Spooler spooler;
    private final RemoteDeliveryService delivery;
    private final int spoolConsumers;
    private final int deliveryConsumers;

    public MailRoutes(Spooler spooler, RemoteDeliveryService delivery, int spoolConsumers, int deliveryConsumers) {
        this.spooler = spooler;
        this.delivery = delivery;
        this.spoolConsumers = spoolConsumers;
        this.deliveryConsumers = deliveryConsumers;
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<Long> ids(org.apache.camel.Exchange exchange) {
        return exchange.getMessage().getBody(java.util.List.class);
    }

    @Override
    public void configure() {
        from(Endpoints.spool(spoolConsumers)).routeId("spool-to-container")
                .process(exchange -> ids(exchange).forEach(spooler::process));
        from(Endpoints.outgoing(deliveryConsumers)).routeId("outgoing-to-delivery")
                .process(exchange -> ids(exchange).forEach(delivery::deliver));
    }
}
