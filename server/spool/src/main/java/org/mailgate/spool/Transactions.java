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
    /** What to undo in memory if the transaction of {@link #run} outside a unit does not commit. */
    private final ThreadLocal<List<Runnable>> standaloneRollback = new ThreadLocal<>();

    @Inject
    Transactions(Database database) {
        this.database = database;
    }

    /**
     * What a unit holds while it is open: its session, its mail's queue id and body, work to do after
     * commit, and whether the body's reference was handed on to a new row.
     */
    static final class Unit {
        final Connection connection;
        final QueueId queueId;
        final long bodyId;
        final List<Runnable> afterCommit = new ArrayList<>();
        final List<Runnable> afterRollback = new ArrayList<>();
        boolean bodyHandedOn;

        Unit(Connection connection, QueueId queueId, long bodyId) {
            this.connection = connection;
            this.queueId = queueId;
            this.bodyId = bodyId;
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

    /**
     * The body a new row refers to. The first hand-off of a unit's own body takes over the spool entry's
     * reference (the entry goes away in the same transaction): the usual move from the spool to the
     * outgoing queue costs no body statement at all. Any other use adds a reference, or a copy.
     */
    long referenceBody(Connection c, org.mailgate.api.mail.BodySource source) throws SQLException {
        Unit unit = current.get();
        if (unit != null && !unit.bodyHandedOn && source instanceof H2Body body && body.database() == database
                && body.id() == unit.bodyId) {
            unit.bodyHandedOn = true;
            return body.id();
        }
        return Bodies.reference(database, c, source);
    }

    /** Whether the current unit handed its body's reference on. */
    boolean bodyHandedOn() {
        Unit unit = current.get();
        return unit != null && unit.bodyHandedOn;
    }

    /** The queue id of the mail under processing, or a new one outside a unit. */
    QueueId queueIdFor(Connection c) throws SQLException {
        Unit unit = current.get();
        return unit != null ? unit.queueId : database.queueIds().next();
    }

    /**
     * Runs a query in the current unit, so that it sees the unit's own changes, or in a transaction of
     * its own (not waiting for the disk: nothing changed).
     */
    <T> T read(Database.SqlWork<T> work) throws SQLException {
        Unit unit = current.get();
        return unit != null ? work.run(unit.connection) : database.inTransaction(work);
    }

    /**
     * Inside the work of {@link #run}: {@code undo} runs if the transaction (the unit's, or the run's own)
     * does not commit.
     */
    void onRollback(Runnable undo) {
        Unit unit = current.get();
        List<Runnable> standalone = standaloneRollback.get();
        if (unit != null) {
            unit.afterRollback.add(undo);
        } else if (standalone != null) {
            standalone.add(undo);
        } else {
            throw new IllegalStateException("onRollback outside a transaction of Transactions.run");
        }
    }

    /**
     * Runs {@code work} in the current unit, or in a durable transaction of its own (one started by an
     * operator or a tool, who is told it is done only once it is on disk); {@code afterCommit} runs once
     * the work is committed.
     */
    <T> T run(Database.SqlWork<T> work, java.util.function.Consumer<T> afterCommit) throws SQLException {
        Unit unit = current.get();
        if (unit != null) {
            T result = work.run(unit.connection);
            unit.afterCommit.add(() -> afterCommit.accept(result));
            return result;
        }
        Connection c = database.borrow();
        T result;
        List<Runnable> rollback = new ArrayList<>();
        standaloneRollback.set(rollback);
        try {
            result = work.run(c);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            database.discard(c);
            rollback.forEach(Runnable::run);
            throw e;
        } finally {
            standaloneRollback.remove();
        }
        database.giveBack(c);
        database.awaitDurable();
        afterCommit.accept(result);
        return result;
    }
}
