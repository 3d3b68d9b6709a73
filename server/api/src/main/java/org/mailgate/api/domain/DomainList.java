package org.mailgate.api.domain;

import java.util.Set;
import org.apache.james.core.Domain;

/** The domains this gateway receives mail for (from {@code domainlist.xml}). */
public interface DomainList {

    boolean isLocal(Domain domain);

    /** Used where a bare user name needs a domain, e.g. {@code postmaster}. */
    Domain defaultDomain();

    Set<Domain> domains();
}
