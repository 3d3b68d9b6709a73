package org.mailgate.spool.domain;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.james.core.Domain;
import org.mailgate.api.domain.DomainList;

/** The local domains as configured in {@code domainlist.xml}; a reload replaces them ({@link #replace}). */
@Singleton
public final class ConfiguredDomainList implements DomainList {

    private final AtomicReference<DomainListConfig> config;

    @Inject
    public ConfiguredDomainList(DomainListConfig config) {
        this.config = new AtomicReference<>(config);
    }

    /** Uses {@code next} (a reloaded {@code domainlist.xml}) from now on. */
    public void replace(DomainListConfig next) {
        config.set(next);
    }

    @Override
    public boolean isLocal(Domain domain) {
        return config.get().domains().contains(domain);
    }

    @Override
    public Domain defaultDomain() {
        return config.get().defaultDomain();
    }

    @Override
    public Set<Domain> domains() {
        return config.get().domains();
    }
}
