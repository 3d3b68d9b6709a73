package org.mailgate.app.wiring;

import com.google.inject.Module;
import java.time.Clock;
import java.util.List;
import org.mailgate.app.config.MailgateConfig;
import org.mailgate.spool.SpoolSettings;

/** The feature modules, chosen before the injector is created. */
public final class Modules {

    private Modules() {
    }

    public static List<Module> all(MailgateConfig config, SpoolSettings spool, Clock clock, String version) {
        return List.of(new CoreModule(config, spool, clock), new StoreModule(), new DnsModule(), new SmtpModule(),
                new ContainerModule(version), new DeliveryModule(), new MetricsModule());
    }
}
