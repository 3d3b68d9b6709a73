package org.mailgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.rrt.RecipientRewriteTable;
import org.mailgate.api.spf.SpfChecker;
import org.mailgate.api.spool.MailSpool;
import org.mailgate.api.user.Users;
import org.mailgate.smtp.hook.HookServices;
import org.mailgate.smtp.server.SmtpServer;
import org.mailgate.smtp.session.SessionServices;
import org.mailgate.smtp.tls.GeneratedCertificates;
import org.mailgate.spool.SpoolSettings;

/** SMTP receipt: the listeners of {@code smtpserver.xml}, handing mail to the spool. */
final class SmtpModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(SmtpServer.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    HookServices hookServices(DnsResolver dns, SpfChecker spf, Users users, RecipientRewriteTable rewrites) {
        return new HookServices(Optional.of(dns), Optional.of(spf), Optional.of(users), Optional.of(rewrites));
    }

    @Provides
    @Singleton
    SessionServices sessionServices(MailSpool spool, DomainList domains, Clock clock, Users users,
                                    RecipientRewriteTable rewrites, MailMetrics metrics) {
        return new SessionServices(spool, domains, clock, users, rewrites, metrics);
    }

    /** Self-signed certificates for TLS without configured keys are kept in {@code var/tls}. */
    @Provides
    @Singleton
    GeneratedCertificates generatedCertificates(SpoolSettings spool) {
        return new GeneratedCertificates(spool.varDir().resolve("tls"));
    }
}
