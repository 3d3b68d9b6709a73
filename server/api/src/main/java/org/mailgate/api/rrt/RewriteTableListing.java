package org.mailgate.api.rrt;

import java.util.List;
import java.util.Optional;

/** The whole rewrite table as the operator sees it: the file's mappings and the stored ones, with their origin. */
public interface RewriteTableListing {

    /** Every mapping: per source, the file's first (in its order), then the stored ones (in the order added). */
    List<ListedMapping> listing();

    /** Where {@code recipientrewritetable.xml} gives this mapping ({@code file:line}), if it does. */
    Optional<String> configuredAt(MappingSource source, Mapping mapping);
}
