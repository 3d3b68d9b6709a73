package org.mailgate.spool;

import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.mailgate.api.health.HealthCheck;

/** The H2 store answers a query. */
public final class StoreHealthCheck implements HealthCheck {

    private final Database database;

    @Inject
    StoreHealthCheck(Database database) {
        this.database = database;
    }

    @Override
    public String componentName() {
        return "H2 store";
    }

    @Override
    public Result check() {
        return probe(database, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** Healthy if {@code work} runs in a transaction of {@code database}, else unhealthy saying why. */
    static Result probe(Database database, Database.SqlWork<?> work) {
        try {
            database.inTransaction(work);
            return Result.healthy();
        } catch (RuntimeException e) {
            return Result.unhealthy(String.valueOf(e.getMessage()));
        }
    }
}
