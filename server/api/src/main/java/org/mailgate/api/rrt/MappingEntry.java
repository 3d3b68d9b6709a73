package org.mailgate.api.rrt;

/**
 * One stored mapping: mail for {@code source} is rewritten by {@code mapping}.
 *
 * @param source  the address, {@code *@domain} or {@code user@*} the mapping applies to
 * @param mapping the target
 */
public record MappingEntry(MappingSource source, Mapping mapping) {

    @Override
    public String toString() {
        return source + "=" + mapping;
    }
}
