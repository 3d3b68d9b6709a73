package org.mailgate.spool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mailgate.api.spool.WorkQueue;

/**
 * A table with a {@code next_attempt_at} column seen as work: due rows in order of due time, claimed
 * in memory. Found through the {@code (next_attempt_at, id)} index, so deferred rows never slow down
 * the ready ones, however many there are.
 *
 * <p>Wake-ups are counted, not just signalled: an announcement made between a claim that found
 * nothing and the following wait is not lost, it makes the wait return at once.
 */
public final class TableWorkQueue implements WorkQueue {

    private static final int MAX_PENDING_WAKEUPS = 64;

    private final Database database;
    private final Clock clock;
    private final String name;
    private final String claimSql;
    private final String nextDueSql;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final Set<Long> claimed = new HashSet<>();
    private int pendingWakeups;
    private boolean stopping;

    TableWorkQueue(Database database, Clock clock, String table, String name) {
        this.database = database;
        this.clock = clock;
        this.name = name;
        this.claimSql = "SELECT id FROM " + table + " WHERE next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?";
        this.nextDueSql = "SELECT MIN(next_attempt_at) FROM " + table + " WHERE next_attempt_at > ?";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Long> claim(int max) {
        lock.lock();
        try {
            List<Long> due = database.inTransaction(c -> dueIds(c, claimed.size() + max + 1));
            List<Long> taken = new ArrayList<>(max);
            boolean more = false;
            for (Long id : due) {
                if (claimed.contains(id)) {
                    continue;
                }
                if (taken.size() < max) {
                    taken.add(id);
                    claimed.add(id);
                } else {
                    more = true;
                    break;
                }
            }
            if (more) {
                wakeUp.signal();
            }
            return taken;
        } finally {
            lock.unlock();
        }
    }

    private List<Long> dueIds(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(claimSql)) {
            ps.setLong(1, clock.millis());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Long> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
                return ids;
            }
        }
    }

    @Override
    public void release(long entryId) {
        lock.lock();
        try {
            claimed.remove(entryId);
        } finally {
            lock.unlock();
        }
    }

    /** Tells waiting consumers that an entry was added or rescheduled. */
    void announce() {
        lock.lock();
        try {
            if (pendingWakeups < MAX_PENDING_WAKEUPS) {
                pendingWakeups++;
            }
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void awaitWork(Duration maxWait) throws InterruptedException {
        long waitMillis = Math.min(maxWait.toMillis(), millisUntilNextDue());
        lock.lock();
        try {
            if (stopping) {
                return;
            }
            if (pendingWakeups > 0) {
                pendingWakeups--;
                return;
            }
            if (waitMillis > 0) {
                wakeUp.await(waitMillis, TimeUnit.MILLISECONDS);
            }
            if (pendingWakeups > 0) {
                pendingWakeups--;
            }
        } finally {
            lock.unlock();
        }
    }

    private long millisUntilNextDue() {
        long now = clock.millis();
        Long next = database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(nextDueSql)) {
                ps.setLong(1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long value = rs.getLong(1);
                    return rs.wasNull() ? null : value;
                }
            }
        });
        return next == null ? Long.MAX_VALUE : Math.max(1, next - now);
    }

    @Override
    public void wakeAll() {
        lock.lock();
        try {
            stopping = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Entries claimed and not yet released (for tests and metrics). */
    int claimedCount() {
        lock.lock();
        try {
            return claimed.size();
        } finally {
            lock.unlock();
        }
    }
}
