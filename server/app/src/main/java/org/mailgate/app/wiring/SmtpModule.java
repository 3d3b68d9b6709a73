package org.mailgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.rrt.RecipientRewriteTable;
import org.mailgate.api.spool.MailSpool;
import org.mailgate.api.user.Users;
import org.mailgate.smtp.server.SmtpServer;
import org.mailgate.smtp.session.SessionServices;

/** SMTP receipt: the listeners of {@code smtpserver.xml}, handing mail to the spool. */
final class SmtpModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(SmtpServer.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    SessionServices sessionServices(MailSpool spool, DomainList domains, Clock clock, Users users,
                                    RecipientRewriteTable rewrites) {
        return new SessionServices(spool, domains, clock, users, rewrites);
    }
}
