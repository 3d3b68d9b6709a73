package org.mailgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.mailgate.app.config.MailgateConfig;
import org.mailgate.container.context.ContextSettings;
import org.mailgate.delivery.DeliveryDefaults;
import org.mailgate.delivery.RemoteDeliveryService;

/** Remote delivery from the outgoing queues. */
final class DeliveryModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(RemoteDeliveryService.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    DeliveryDefaults defaults(MailgateConfig config, ContextSettings context) {
        return DeliveryDefaults.of(config.hostName(), context.postmaster());
    }
}
