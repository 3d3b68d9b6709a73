package org.mailgate.spool;

import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import org.mailgate.api.health.HealthCheck;

/** The store takes a write: one row inserted and rolled back, so a read-only or full store shows. */
public final class SpoolWritableCheck implements HealthCheck {

    private final Database database;

    @Inject
    SpoolWritableCheck(Database database) {
        this.database = database;
    }

    @Override
    public String componentName() {
        return "spool writable";
    }

    @Override
    public Result check() {
        return StoreHealthCheck.probe(database, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version (version) VALUES (-1)")) {
                ps.executeUpdate();
            }
            c.rollback();
            return null;
        });
    }
}
