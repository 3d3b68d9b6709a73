package org.mailgate.spool.domain;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;
import org.apache.james.core.Domain;
import org.mailgate.api.domain.DomainList;

/** The local domains as configured in {@code domainlist.xml}. */
@Singleton
public final class ConfiguredDomainList implements DomainList {

    private final DomainListConfig config;

    @Inject
    public ConfiguredDomainList(DomainListConfig config) {
        this.config = config;
    }

    @Override
    public boolean isLocal(Domain domain) {
        return config.domains().contains(domain);
    }

    @Override
    public Domain defaultDomain() {
        return config.defaultDomain();
    }

    @Override
    public Set<Domain> domains() {
        return config.domains();
    }
}
