package org.mailgate.spool;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A small pool of embedded H2 sessions that never blocks a carrier thread: a semaphore bounds the
 * sessions lent out, idle ones wait in a lock-free deque. Sessions run with auto-commit off.
 */
final class ConnectionPool implements AutoCloseable {

    private final String url;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ConnectionPool(String url, int maxConnections) {
        this.url = url;
        this.permits = new Semaphore(maxConnections);
    }

    Connection borrow() throws SQLException {
        if (closed) {
            throw new SQLException("the store is closed");
        }
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new SQLException("no database session free within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database session", e);
        }
        try {
            Connection c = idle.pollFirst();
            if (c == null) {
                c = DriverManager.getConnection(url, "sa", "");
                c.setAutoCommit(false);
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * Returns a session whose transaction was committed. (A rollback would also throw away the
     * session's parsed statements: H2 clears its query cache on every rollback.)
     */
    void giveBack(Connection c) {
        try {
            if (closed || c.isClosed()) {
                c.close();
            } else {
                idle.addFirst(c);
            }
        } catch (SQLException e) {
            closeQuietly(c);
        } finally {
            permits.release();
        }
    }

    /** Returns a session after a failure: its transaction is rolled back first; a broken one is dropped. */
    void discard(Connection c) {
        try {
            if (!closed && !c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException e) {
            closeQuietly(c);
            permits.release();
            return;
        }
        giveBack(c);
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken session: nothing left to do
        }
    }
}
