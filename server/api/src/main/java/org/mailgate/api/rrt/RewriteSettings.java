package org.mailgate.api.rrt;

/**
 * How far rewriting goes ({@code recursiveMapping} and {@code mappingLimit} of
 * {@code recipientrewritetable.xml}).
 *
 * @param recursive    whether an address a mapping gives is itself looked up again (James's default)
 * @param mappingLimit the most rewrites along one chain of addresses; one more is an error, which ends
 *                     loops James cannot see and very long chains
 */
public record RewriteSettings(boolean recursive, int mappingLimit) {

    public static final int DEFAULT_MAPPING_LIMIT = 10;
    public static final RewriteSettings DEFAULT = new RewriteSettings(true, DEFAULT_MAPPING_LIMIT);

    public RewriteSettings {
        if (mappingLimit < 1) {
            throw new IllegalArgumentException("mappingLimit must be at least 1, not " + mappingLimit);
        }
    }
}
