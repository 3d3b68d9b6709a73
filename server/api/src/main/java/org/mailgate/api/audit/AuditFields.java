package org.mailgate.api.audit;

import java.util.Optional;
import java.util.StringJoiner;

/**
 * The {@code key=value} list of an audit line, in the order added, joined by {@code ", "} as Postfix
 * writes its fields; optional values are left out when empty.
 */
public final class AuditFields {

    private final StringJoiner joined = new StringJoiner(", ");

    public AuditFields add(String key, Object value) {
        joined.add(key + "=" + value);
        return this;
    }

    public AuditFields add(String key, Optional<?> value) {
        value.ifPresent(v -> add(key, v));
        return this;
    }

    @Override
    public String toString() {
        return joined.toString();
    }
}
