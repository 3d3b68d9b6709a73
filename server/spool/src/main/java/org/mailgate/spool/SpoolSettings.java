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
        // Only settings read when the database opens belong here: H2 runs any other URL setting as a SET
        // statement in every new session, and each SET throws away every session's parsed statements.
        // QUERY_CACHE_SIZE: every session keeps all of the store's statements parsed (H2 keeps 8; each
        // cached statement is visited on every update, so not many more than there are).
        return "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME=2000;QUERY_CACHE_SIZE=32";
    }

    /** Settings applied once, when the store opens. */
    java.util.List<String> openingStatements() {
        return java.util.List.of("SET CACHE_SIZE " + cacheSizeKb, "SET DEFAULT_LOCK_TIMEOUT 10000");
    }
}
