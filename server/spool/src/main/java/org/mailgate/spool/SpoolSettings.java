package org.mailgate.spool;

import java.nio.file.Path;

/**
 * Where the store lives and how big its connection pool may grow.
 *
 * @param varDir       the state directory ({@code --var}); the database is {@code varDir/mailgate.mv.db}
 * @param maxConnections upper bound of pooled H2 sessions
 * @param cacheSizeKb  H2's page cache; bounded so that memory stays small
 */
public record SpoolSettings(Path varDir, int maxConnections, int cacheSizeKb) {

    public static SpoolSettings defaults(Path varDir) {
        return new SpoolSettings(varDir, 128, 16 * 1024);
    }

    public Path databaseFile() {
        return varDir.resolve("mailgate.mv.db");
    }

    String jdbcUrl() {
        Path base = varDir.toAbsolutePath().resolve("mailgate");
        return "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=" + cacheSizeKb
                + ";LOCK_TIMEOUT=10000;MAX_COMPACT_TIME=2000";
    }
}
