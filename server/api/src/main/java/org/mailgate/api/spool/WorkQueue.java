package org.mailgate.api.spool;

import java.time.Duration;
import java.util.List;

/**
 * A stored queue seen as work to do: entries that are due, oldest first. Claims live in memory only;
 * after a restart every entry is due again, so recovery and normal start are the same path.
 */
public interface WorkQueue {

    String name();

    /** Up to {@code max} due entries that nobody has claimed; each stays claimed until released. */
    List<Long> claim(int max);

    void release(long entryId);

    /** Returns when new work may be due (an entry was added, or a deferred one is due), or after maxWait. */
    void awaitWork(Duration maxWait) throws InterruptedException;

    /**
     * At shutdown: wakes every waiter, and from then on {@link #awaitWork} returns at once, so that
     * consumers notice they must stop.
     */
    void wakeAll();
}
