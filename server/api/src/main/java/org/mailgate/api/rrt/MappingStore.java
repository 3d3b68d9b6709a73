package org.mailgate.api.rrt;

import java.util.List;

/**
 * The mappings an operator adds and removes at run time (the admin API's side of the table); they join
 * the mappings of {@code recipientrewritetable.xml}. A change is durable when the call returns and is
 * seen by the next mail processed.
 */
public interface MappingStore {

    /** Adds a mapping; false if this source already had exactly this mapping. */
    boolean add(MappingSource source, Mapping mapping);

    /** Removes a mapping; false if it was not stored. */
    boolean remove(MappingSource source, Mapping mapping);

    /** Every stored mapping, in the order they were added. */
    List<MappingEntry> list();

    /** The stored mappings of exactly this source, in the order they were added. */
    List<Mapping> list(MappingSource source);
}
