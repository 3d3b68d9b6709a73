package org.mailgate.app.trace;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import java.time.Clock;
import java.util.List;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.droplist.DropList;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.rrt.RecipientRewriteTable;
import org.mailgate.api.spf.SpfChecker;
import org.mailgate.api.user.Users;

/**
 * What mailets and matchers may take in a trace besides the dry-run stores: the gateway's own DNS resolver,
 * SPF checker, domain list, rewrite table, drop list, accounts and clock, which they only read (the accounts
 * and the drop list through read-only views: a change fails the trace), and metrics that count nothing (a
 * trace must not move the gateway's mail counters, e.g. Bounce's reports; its DNS lookups are real ones,
 * through the gateway's resolver and cache, and are counted as such). Anything else (the outgoing queue
 * control, the spool's processing side) is not offered: a mailet asking for it fails the trace with its name.
 */
public final class TraceSeamsModule extends AbstractModule {

    static final List<Class<?>> SHARED = List.of(DnsResolver.class, SpfChecker.class, DomainList.class,
            RecipientRewriteTable.class, Clock.class);

    private final Injector gateway;

    public TraceSeamsModule(Injector gateway) {
        this.gateway = gateway;
    }

    @Override
    protected void configure() {
        SHARED.forEach(this::share);
        bind(Users.class).toProvider(() -> new ReadOnlyUsers(gateway.getInstance(Users.class)));
        bind(DropList.class).toProvider(() -> new ReadOnlyDropList(gateway.getInstance(DropList.class)));
        bind(MailMetrics.class).toInstance(MailMetrics.NONE);
    }

    private <T> void share(Class<T> type) {
        bind(type).toProvider(gateway.getProvider(type));
    }
}
