package org.mailgate.spool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mailgate.api.spool.WorkQueue;

/**
 * A table with a {@code next_attempt_at} column seen as work: due rows in order of due time, claimed
 * in memory. The table is the truth: it is scanned at start (so recovery and start are one path),
 * whenever a deferred entry falls due, and whenever a hint was dropped. In between, the store hands
 * over the id of each entry it commits as due, so a busy gateway does not query for every mail.
 * Scans go through the {@code (next_attempt_at, id)} index, so deferred rows never slow down the ready
 * ones, however many there are.
 *
 * <p>Wake-ups are counted, not just signalled: an announcement made between a claim that found
 * nothing and the following wait is not lost, it makes the wait return at once.
 */
public final class TableWorkQueue implements WorkQueue {

    private static final int MAX_PENDING_WAKEUPS = 64;
    private static final int BATCH = 128;
    /** Ids held in memory at most; past that, the table is scanned instead. */
    private static final int MAX_READY = 10_000;

    private final Database database;
    private final Clock clock;
    private final String name;
    private final String dueSql;
    private final String nextDueSql;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    /** Claimed: handed to a consumer, or waiting in {@link #ready}. */
    private final Set<Long> claimed = new HashSet<>();
    /**
     * Due ids a scan saw while they were claimed: the scan could not take them, and the next due time
     * it learnt leaves them out, so their release must cause a new scan, or a due entry whose unit
     * ended without finishing it would wait for the next unrelated wake-up.
     */
    private final Set<Long> seenWhileClaimed = new HashSet<>();
    private final ArrayDeque<Long> ready = new ArrayDeque<>();
    /**
     * Rows inserted by a transaction not yet announced: between the commit and the
     * announcement an operator's action must not take them, or the copy kept in memory for the first
     * attempt would outlive the action.
     */
    private final Set<Long> reserved = ConcurrentHashMap.newKeySet();
    private int pendingWakeups;
    private boolean stopping;
    /** When the earliest deferred entry is due, if known since the last change. */
    private long nextDue = Long.MAX_VALUE;
    private boolean nextDueKnown;
    /** The table may hold due entries that are not in {@link #ready}: scan before waiting. */
    private boolean scanNeeded = true;

    /**
     * A row whose next attempt is {@link Long#MAX_VALUE} (an outgoing entry an operator holds) is never due:
     * no clock reaches it, and as the next due time it means the same as no deferred row at all.
     */
    TableWorkQueue(Database database, Clock clock, String table, String name) {
        this.database = database;
        this.clock = clock;
        this.name = name;
        this.dueSql = "SELECT id FROM " + table + " WHERE next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?";
        // The first row of the index range, not MIN(...): H2 computes an aggregate under a WHERE by walking the
        // whole range, which costs a third of the CPU under load with many entries deferred or in flight.
        this.nextDueSql = "SELECT next_attempt_at FROM " + table + " WHERE next_attempt_at > ?"
                + " ORDER BY next_attempt_at LIMIT 1";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Long> claim(int max) {
        lock.lock();
        try {
            if (ready.isEmpty() && (scanNeeded || clock.millis() >= nextDue || !nextDueKnown)) {
                refill();
            }
            List<Long> taken = new ArrayList<>(max);
            while (taken.size() < max && !ready.isEmpty()) {
                taken.add(ready.pollFirst());
            }
            if (!ready.isEmpty()) {
                wakeUp.signal();
            }
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** Fetches the next batch of due, unclaimed ids; learns when the next deferred one is due. */
    private void refill() {
        long now = clock.millis();
        int added = database.inTransaction(c -> {
            int count = 0;
            for (long id : dueIds(c, now, claimed.size() + BATCH)) {
                if (claimed.add(id)) {
                    ready.addLast(id);
                    count++;
                } else {
                    seenWhileClaimed.add(id);
                }
            }
            return count;
        });
        scanNeeded = added == BATCH;
        if (!scanNeeded) {
            nextDue = database.inTransaction(c -> nextDue(c, now));
            nextDueKnown = true;
        }
    }

    private List<Long> dueIds(Connection c, long now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dueSql)) {
            ps.setLong(1, now);
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

    private long nextDue(Connection c, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(nextDueSql)) {
            ps.setLong(1, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : Long.MAX_VALUE;
            }
        }
    }

    @Override
    public void release(long entryId) {
        lock.lock();
        try {
            claimed.remove(entryId);
            if (seenWhileClaimed.remove(entryId)) {
                scanNeeded = true;
                wakeUp.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks {@code entryId}, a row the current transaction inserted, until {@link #announceReserved} (after
     * commit) or {@link #unreserve} (after rollback): an operator's action cannot take it meanwhile. No lock:
     * this runs inside the inserting transaction, on the hot path.
     */
    void reserve(long entryId) {
        reserved.add(entryId);
    }

    /** The transaction that inserted reserved {@code entryId} committed: it is due now. */
    void announceReserved(long entryId) {
        reserved.remove(entryId);
        announce(entryId);
    }

    /** The transaction that inserted reserved {@code entryId} rolled back: the row does not exist. */
    void unreserve(long entryId) {
        reserved.remove(entryId);
    }

    /** An entry was committed and is due now. */
    void announce(long entryId) {
        lock.lock();
        try {
            if (!claimed.contains(entryId)) {
                if (ready.size() < MAX_READY) {
                    claimed.add(entryId);
                    ready.addLast(entryId);
                } else {
                    scanNeeded = true;
                }
            }
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
    }

    /** An entry was committed to be due later, or was rescheduled: the next due time may have moved. */
    void announceLater() {
        lock.lock();
        try {
            if (pendingWakeups < MAX_PENDING_WAKEUPS) {
                pendingWakeups++;
            }
            nextDueKnown = false;
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void awaitWork(Duration maxWait) throws InterruptedException {
        lock.lock();
        try {
            if (stopping || !ready.isEmpty() || scanNeeded) {
                return;
            }
            if (pendingWakeups > 0) {
                pendingWakeups--;
                return;
            }
            long now = clock.millis();
            if (!nextDueKnown) {
                nextDue = database.inTransaction(c -> nextDue(c, now));
                nextDueKnown = true;
            }
            long wait = Math.min(maxWait.toMillis(), nextDue == Long.MAX_VALUE ? Long.MAX_VALUE : nextDue - now);
            if (wait > 0) {
                wakeUp.await(wait, TimeUnit.MILLISECONDS);
            }
            if (pendingWakeups > 0) {
                pendingWakeups--;
            }
        } finally {
            lock.unlock();
        }
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

    /**
     * Takes {@code entryId} for an operator's change: true if no consumer holds it (an id waiting in memory
     * is taken back); it is then claimed until {@link #release released}, so no consumer gets it meanwhile.
     * False if a consumer holds it: its attempt is under way.
     */
    boolean withdraw(long entryId) {
        lock.lock();
        try {
            if (reserved.contains(entryId)) {
                return false;
            }
            if (claimed.add(entryId)) {
                return true;
            }
            return ready.remove(entryId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The entries handed to a consumer, whose attempts are under way, as of now: one pass over the claimed
     * ids under the lock, so that a listing of many entries does not hold up the consumers once per entry.
     */
    Set<Long> underWay() {
        lock.lock();
        try {
            Set<Long> underWay = new HashSet<>(claimed);
            ready.forEach(underWay::remove);
            return underWay;
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
