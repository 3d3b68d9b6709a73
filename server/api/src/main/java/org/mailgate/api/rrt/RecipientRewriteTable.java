package org.mailgate.api.rrt;

import java.util.List;

/**
 * The recipient rewrite table: for each source, the mappings configured in
 * {@code recipientrewritetable.xml} followed by those stored by the operator. {@link MappingResolver}
 * turns these into the final addresses of a recipient.
 */
public interface RecipientRewriteTable {

    /** The mappings given for exactly this source (no wildcard fallback, no recursion), in order. */
    List<Mapping> mappingsFor(MappingSource source);

    /** Recursion and its limit. */
    RewriteSettings settings();
}
