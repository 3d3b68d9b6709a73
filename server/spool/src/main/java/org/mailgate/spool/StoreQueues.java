package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The two stored queues seen as work: the spool (to process) and the outgoing queue (to deliver). */
@Singleton
public final class StoreQueues {

    private final TableWorkQueue spool;
    private final TableWorkQueue outgoing;

    @Inject
    StoreQueues(Database database, Clock clock) {
        this.spool = new TableWorkQueue(database, clock, "spool", "spool");
        this.outgoing = new TableWorkQueue(database, clock, "outgoing", "outgoing");
    }

    public TableWorkQueue spool() {
        return spool;
    }

    public TableWorkQueue outgoing() {
        return outgoing;
    }
}
