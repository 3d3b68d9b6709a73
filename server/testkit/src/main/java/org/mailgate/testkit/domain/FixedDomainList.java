package org.mailgate.testkit.domain;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.james.core.Domain;
import org.mailgate.api.domain.DomainList;

/** Local domains given in code, for tests of SMTP receipt; the first one is the default domain. */
public record FixedDomainList(Set<Domain> domains, Domain defaultDomain) implements DomainList {

    public FixedDomainList {
        domains = Set.copyOf(domains);
    }

    public static FixedDomainList of(String first, String... more) {
        Set<Domain> all = new LinkedHashSet<>();
        all.add(Domain.of(first));
        Arrays.stream(more).map(Domain::of).forEach(all::add);
        return new FixedDomainList(all, Domain.of(first));
    }

    @Override
    public boolean isLocal(Domain domain) {
        return domains.contains(domain);
    }
}
