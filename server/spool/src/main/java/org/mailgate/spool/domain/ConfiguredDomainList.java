package org.mailgate.spool.domain;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.james.core.Domain;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.domain.DomainStore;
import org.mailgate.api.domain.LocalDomain;
import org.mailgate.spool.H2Domains;

/**
 * The local domains: those of {@code domainlist.xml} (a reload replaces them, {@link #replace}) and those
 * the operator added, kept in the store ({@link H2Domains}). Both are held in memory, so a recipient check
 * is two hash lookups.
 */
@Singleton
public final class ConfiguredDomainList implements DomainList, DomainStore {

    private final AtomicReference<DomainListConfig> config;
    private final H2Domains stored;

    @Inject
    public ConfiguredDomainList(DomainListConfig config, H2Domains stored) {
        this.config = new AtomicReference<>(config);
        this.stored = stored;
    }

    /** Uses {@code next} (a reloaded {@code domainlist.xml}) from now on; the stored domains stay. */
    public void replace(DomainListConfig next) {
        config.set(next);
    }

    @Override
    public boolean isLocal(Domain domain) {
        return config.get().domains().contains(domain) || stored.contains(domain);
    }

    @Override
    public Domain defaultDomain() {
        return config.get().defaultDomain();
    }

    @Override
    public Set<Domain> domains() {
        Set<Domain> all = new LinkedHashSet<>(config.get().domains());
        all.addAll(stored.list());
        return Collections.unmodifiableSet(all);
    }

    @Override
    public List<LocalDomain> list() {
        DomainListConfig file = config.get();
        List<LocalDomain> all = new ArrayList<>();
        for (Domain domain : file.domains()) {
            all.add(new LocalDomain(domain, Optional.ofNullable(file.origins().get(domain))));
        }
        stored.list().stream().filter(d -> !file.domains().contains(d))
                .forEach(d -> all.add(new LocalDomain(d, Optional.empty())));
        return List.copyOf(all);
    }

    @Override
    public boolean add(Domain domain) {
        return !config.get().domains().contains(domain) && stored.add(domain);
    }

    @Override
    public boolean remove(Domain domain) {
        DomainListConfig file = config.get();
        if (file.domains().contains(domain)) {
            throw new IllegalStateException("domain " + domain.asString() + " is configured in "
                    + Optional.ofNullable(file.origins().get(domain)).map(ConfiguredDomainList::where)
                    .orElse(DomainListConfig.FILE) + ": remove it there and reload");
        }
        return stored.remove(domain);
    }

    /** {@code conf/domainlist.xml:12} as {@code conf/domainlist.xml at line 12}. */
    private static String where(String origin) {
        int colon = origin.lastIndexOf(':');
        return origin.substring(0, colon) + " at line " + origin.substring(colon + 1);
    }
}
