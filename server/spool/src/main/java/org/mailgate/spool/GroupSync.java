package org.mailgate.spool;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for H2. An H2 commit only changes memory: MVStore writes committed data to the file in
 * the background and never forces it to the disk by itself. {@code CHECKPOINT SYNC} writes all pending
 * changes as a new chunk and calls {@code FileChannel.force}. One thread runs it for everyone who is
 * waiting at that moment, so many sessions share one fsync.
 *
 * <p>A waiter takes a ticket after its commit; the syncer reads the newest ticket before it starts a
 * checkpoint, so a completed checkpoint covers every commit made before its tickets were taken.
 */
final class GroupSync {

    private static final Logger LOG = LoggerFactory.getLogger(GroupSync.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition done = lock.newCondition();
    private long requested;
    private long completed;
    private long failedUpTo;
    private String failure;
    private boolean running;
    private Thread thread;
    private Connection connection;
    private long syncs;
    private long syncNanos;

    void start(Connection syncConnection) {
        lock.lock();
        try {
            this.connection = syncConnection;
            running = true;
        } finally {
            lock.unlock();
        }
        thread = Thread.ofPlatform().name("mailgate-group-sync").daemon(true).start(this::run);
    }

    /** Blocks until everything this thread committed so far is on stable storage. */
    void awaitDurable() {
        lock.lock();
        try {
            if (!running) {
                throw new StoreException("the store is closed; nothing can be made durable");
            }
            long ticket = ++requested;
            work.signal();
            while (completed < ticket) {
                done.awaitUninterruptibly();
            }
            if (ticket <= failedUpTo) {
                throw new StoreException("cannot sync the store to disk: " + failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Number of checkpoints run so far (for benchmarks). */
    long syncCount() {
        lock.lock();
        try {
            return syncs;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try (Statement statement = connection.createStatement()) {
            while (true) {
                long target;
                lock.lock();
                try {
                    while (requested == completed && running) {
                        work.awaitUninterruptibly();
                    }
                    if (requested == completed) {
                        return;
                    }
                    target = requested;
                } finally {
                    lock.unlock();
                }
                long started = System.nanoTime();
                String error = sync(statement);
                long took = System.nanoTime() - started;
                lock.lock();
                try {
                    completed = target;
                    syncs++;
                    syncNanos += took;
                    if (error != null) {
                        failedUpTo = target;
                        failure = error;
                    }
                    done.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.error("group sync stopped: {}", e.getMessage(), e);
            lock.lock();
            try {
                running = false;
                failure = "the sync thread stopped: " + e.getMessage();
                failedUpTo = Long.MAX_VALUE;
                completed = requested;
                done.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private String sync(Statement statement) {
        try {
            statement.execute("CHECKPOINT SYNC");
            return null;
        } catch (SQLException | RuntimeException e) {
            LOG.error("fsync of the store failed: {}", e.getMessage(), e);
            return e.getMessage();
        }
    }

    /** Finishes the checkpoints already asked for, then stops the thread. */
    void stop() {
        lock.lock();
        try {
            LOG.debug("{} checkpoints, {} ms each on average", syncs,
                    syncs == 0 ? 0 : String.format(java.util.Locale.ROOT, "%.2f", syncNanos / syncs / 1e6));
        } finally {
            lock.unlock();
        }
        lock.lock();
        try {
            running = false;
            work.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
