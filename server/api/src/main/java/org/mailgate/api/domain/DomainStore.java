package org.mailgate.api.domain;

import java.util.List;
import org.apache.james.core.Domain;

/**
 * The local domains as the operator manages them (the admin API's side of the {@link DomainList}): those
 * of {@code domainlist.xml}, read-only here, and those added at run time, stored durably. A change is
 * seen by the next recipient checked.
 */
public interface DomainStore {

    /** Every local domain: those of the file first, in its order, then the stored ones in the order added. */
    List<LocalDomain> list();

    /** Adds a domain; false when it is local already (in the file or stored). */
    boolean add(Domain domain);

    /**
     * Removes a stored domain; false when it is not local.
     *
     * @throws IllegalStateException when it comes from {@code domainlist.xml}, saying where
     */
    boolean remove(Domain domain);
}
