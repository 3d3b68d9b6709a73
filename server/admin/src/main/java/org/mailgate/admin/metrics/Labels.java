package org.mailgate.admin.metrics;

import java.util.Locale;

/** Label values as Prometheus series usually spell them: lower case. */
final class Labels {

    private Labels() {
    }

    /** {@code DEFERRED} → {@code deferred}, {@code PER_CLIENT_LIMIT} → {@code per_client_limit}. */
    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
