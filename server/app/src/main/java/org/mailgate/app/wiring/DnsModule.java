package org.mailgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.dns.DnsJavaResolver;

/** DNS through dnsjava, with the servers of {@code dnsservice.xml}. */
final class DnsModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(DnsJavaResolver.class).in(Singleton.class);
        bind(DnsResolver.class).to(DnsJavaResolver.class);
    }
}
