package org.mailgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.spf.SpfChecker;
import org.mailgate.dns.DnsJavaResolver;
import org.mailgate.dns.spf.SpfEvaluator;

/** DNS through dnsjava, with the servers of {@code dnsservice.xml}, and SPF evaluated over it. */
final class DnsModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(DnsJavaResolver.class).in(Singleton.class);
        bind(DnsResolver.class).to(DnsJavaResolver.class);
        bind(SpfChecker.class).to(SpfEvaluator.class).in(Singleton.class);
    }
}
