package org.mailgate.spool;

import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import org.mailgate.api.metrics.StoreStatistics;

/** Counts over the spool and outgoing tables, each one indexed query. */
public final class H2StoreStatistics implements StoreStatistics {

    private final Database database;
    private final SpoolStore spool;
    private final Clock clock;

    @Inject
    H2StoreStatistics(Database database, SpoolStore spool, Clock clock) {
        this.database = database;
        this.spool = spool;
        this.clock = clock;
    }

    @Override
    public long spoolSize() {
        return spool.size();
    }

    @Override
    public Duration oldestReadyAge(String queueName) {
        long now = clock.millis();
        long oldest = database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT MIN(next_attempt_at) FROM outgoing WHERE queue_name = ? AND next_attempt_at <= ?")) {
                ps.setString(1, queueName);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long value = rs.getLong(1);
                    return rs.wasNull() ? now : value;
                }
            }
        });
        return Duration.ofMillis(Math.max(0, now - oldest));
    }
}
