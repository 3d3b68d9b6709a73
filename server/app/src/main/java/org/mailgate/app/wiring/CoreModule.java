package org.mailgate.app.wiring;

import com.google.inject.AbstractModule;
import java.time.Clock;
import org.mailgate.app.config.MailgateConfig;
import org.mailgate.container.config.ContainerConfig;
import org.mailgate.dns.DnsServiceConfig;
import org.mailgate.smtp.config.SmtpServersConfig;
import org.mailgate.spool.SpoolSettings;
import org.mailgate.spool.domain.DomainListConfig;
import org.mailgate.spool.rrt.RecipientRewriteTableConfig;

/** The configuration, read before the injector exists, and the clock. */
final class CoreModule extends AbstractModule {

    private final MailgateConfig config;
    private final SpoolSettings spool;
    private final Clock clock;

    CoreModule(MailgateConfig config, SpoolSettings spool, Clock clock) {
        this.config = config;
        this.spool = spool;
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(Clock.class).toInstance(clock);
        bind(MailgateConfig.class).toInstance(config);
        bind(SmtpServersConfig.class).toInstance(config.smtp());
        bind(DomainListConfig.class).toInstance(config.domains());
        bind(DnsServiceConfig.class).toInstance(config.dns());
        bind(ContainerConfig.class).toInstance(config.container());
        bind(RecipientRewriteTableConfig.class).toInstance(config.rewriteTable());
        bind(SpoolSettings.class).toInstance(spool);
    }
}
