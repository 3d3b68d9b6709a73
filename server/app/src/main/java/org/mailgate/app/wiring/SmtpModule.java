package org.mailgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.spool.MailSpool;
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
    SessionServices sessionServices(MailSpool spool, DomainList domains, Clock clock) {
        return new SessionServices(spool, domains, clock);
    }

    /** Self-signed certificates for TLS without configured keys are kept in {@code var/tls}. */
    @Provides
    @Singleton
    GeneratedCertificates generatedCertificates(SpoolSettings spool) {
        return new GeneratedCertificates(spool.varDir().resolve("tls"));
    }
}
