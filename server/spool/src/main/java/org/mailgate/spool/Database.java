package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.mailgate.api.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database in {@code var/}: opens it, applies the schema, lends sessions, and makes
 * commits durable through {@link GroupSync}.
 */
@Singleton
public final class Database implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final SpoolSettings settings;
    private final GroupSync groupSync = new GroupSync();
    private final QueueIds queueIds = new QueueIds(this);
    private ConnectionPool pool;
    private Connection syncConnection;

    @Inject
    public Database(SpoolSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start() throws IOException, SQLException {
        Files.createDirectories(settings.varDir());
        pool = new ConnectionPool(settings.jdbcUrl(), settings.maxConnections());
        try {
            syncConnection = java.sql.DriverManager.getConnection(settings.jdbcUrl(), "sa", "");
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new SQLException(settings.varDir() + " is in use by another Mailgate process", e);
            }
            throw e;
        }
        try (var statement = syncConnection.createStatement()) {
            for (String sql : settings.openingStatements()) {
                statement.execute(sql);
            }
        }
        Schema.migrate(syncConnection);
        groupSync.start(syncConnection);
        LOG.info("store open: {}", settings.databaseFile());
    }

    @Override
    public void stop() {
        groupSync.stop();
        if (pool != null) {
            pool.close();
        }
        if (syncConnection != null) {
            try (var statement = syncConnection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            } catch (SQLException e) {
                LOG.warn("final checkpoint failed: {}", e.getMessage());
            }
            try {
                syncConnection.close();
            } catch (SQLException e) {
                LOG.warn("closing the store failed: {}", e.getMessage());
            }
        }
        LOG.info("store closed");
    }

    QueueIds queueIds() {
        return queueIds;
    }

    Connection borrow() throws SQLException {
        return pool.borrow();
    }

    /** Returns a session whose work was committed. */
    void giveBack(Connection connection) {
        pool.giveBack(connection);
    }

    /** Returns a session after a failure, rolling its transaction back. */
    void discard(Connection connection) {
        pool.discard(connection);
    }

    /** Blocks until everything committed before the call is on stable storage. */
    void awaitDurable() {
        groupSync.awaitDurable();
    }

    long syncCount() {
        return groupSync.syncCount();
    }

    /** Runs {@code work} in a new transaction, commits it, and waits until it is durable. */
    <T> T inDurableTransaction(SqlWork<T> work) {
        T result = inTransaction(work);
        awaitDurable();
        return result;
    }

    /** Runs {@code work} in a new transaction and commits it (not waiting for the disk). */
    <T> T inTransaction(SqlWork<T> work) {
        Connection c;
        try {
            c = borrow();
        } catch (SQLException e) {
            throw new StoreException("store unavailable: " + e.getMessage(), e);
        }
        try {
            T result = work.run(c);
            c.commit();
            giveBack(c);
            return result;
        } catch (SQLException | RuntimeException e) {
            discard(c);
            throw e instanceof RuntimeException r ? r : new StoreException("store failure: " + e.getMessage(), e);
        }
    }

    /** A piece of work on one session. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
