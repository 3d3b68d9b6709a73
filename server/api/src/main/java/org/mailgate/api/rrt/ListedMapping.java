package org.mailgate.api.rrt;

import java.util.Optional;

/**
 * One mapping of the rewrite table and where it comes from.
 *
 * @param source  what it applies to
 * @param mapping the target
 * @param origin  where {@code recipientrewritetable.xml} gives it ({@code file:line}), read-only; empty for
 *                one the operator stored
 */
public record ListedMapping(MappingSource source, Mapping mapping, Optional<String> origin) {
}
