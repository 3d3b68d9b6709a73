package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailgate.api.mail.QueueId;

/**
 * Binds the open spool unit to the thread that processes it, so that hand-offs made by mailets
 * (outgoing queue, repositories, new mail) join the unit's transaction without the mailets knowing.
 * Outside a unit, each hand-off is a durable transaction of its own.
 */
@Singleton
final class Transactions {

    private final Database database;
    private final ThreadLocal<Unit> current = new ThreadLocal<>();

    @Inject
    Transactions(Database database) {
        this.database = database;
    }

    /** What a unit holds while it is open: its session, its mail's queue id, work to do after commit. */
    static final class Unit {
        final Connection connection;
        final QueueId queueId;
        final List<Runnable> afterCommit = new ArrayList<>();

        Unit(Connection connection, QueueId queueId) {
            this.connection = connection;
            this.queueId = queueId;
        }
    }

    void bind(Unit unit) {
        if (current.get() != null) {
            throw new IllegalStateException("a spool unit is already open on this thread");
        }
        current.set(unit);
    }

    void unbind() {
        current.remove();
    }

    Optional<QueueId> currentQueueId() {
        Unit unit = current.get();
        return unit == null ? Optional.empty() : Optional.of(unit.queueId);
    }

    /** The queue id of the mail under processing, or a new one outside a unit. */
    QueueId queueIdFor(Connection c) throws SQLException {
        Unit unit = current.get();
        return unit != null ? unit.queueId : SpoolStore.nextQueueId(c);
    }

    /**
     * Runs {@code work} in the current unit, or in a durable transaction of its own; {@code afterCommit}
     * runs once the work is committed and on disk.
     */
    <T> T run(Database.SqlWork<T> work, Runnable afterCommit) throws SQLException {
        Unit unit = current.get();
        if (unit != null) {
            T result = work.run(unit.connection);
            unit.afterCommit.add(afterCommit);
            return result;
        }
        Connection c = database.borrow();
        T result;
        try {
            result = work.run(c);
            c.commit();
        } finally {
            database.giveBack(c);
        }
        database.awaitDurable();
        afterCommit.run();
        return result;
    }
}
