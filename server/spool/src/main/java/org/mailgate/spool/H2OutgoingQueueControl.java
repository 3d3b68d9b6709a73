package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mailgate.api.BatchProgress;
import org.mailgate.api.delivery.ActionResult;
import org.mailgate.api.delivery.OutgoingQueueControl;
import org.mailgate.api.delivery.QueueAction;
import org.mailgate.api.delivery.QueuedMail;
import org.mailgate.api.delivery.QueuedMailFilter;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's view of the outgoing table, and of the spool read-only. Listings, counts and the
 * entries an action applies to are selected in SQL. An action by filter works in batches of
 * {@value #BATCH} entries, each its own durable transaction, walking the queue by entry id, so a large
 * queue is never held in one transaction nor in memory. An entry being delivered at the moment of a
 * removal, a move or a bounce is left alone (its attempt decides its fate); see {@link QueueEntryActions}
 * for what each action does to an entry.
 */
@Singleton
public final class H2OutgoingQueueControl implements OutgoingQueueControl {

    private static final Logger LOG = LoggerFactory.getLogger(H2OutgoingQueueControl.class);

    /** The next attempt of a held entry: never, so that the due scan never meets it. */
    static final long HELD_UNTIL = Long.MAX_VALUE;
    /** Entries changed per transaction by an action by filter. */
    static final int BATCH = 500;

    private static final String SUMMARY = "SELECT o.id, o.queue_id, o.name, o.sender, o.recipients, "
            + "o.failed_attempts, o.next_attempt_at, o.last_error, o.created_at, %s, "
            + "OCTET_LENGTH(o.headers) + COALESCE(OCTET_LENGTH(b.inline_content), OCTET_LENGTH(b.content)), %s "
            + "FROM %s o JOIN message_body b ON b.id = o.body_id WHERE ";

    private final Database database;
    private final H2OutgoingQueues outgoing;
    private final QueueEntryActions actions;
    private final StoreQueues queues;
    private final Clock clock;
    private final int batch;

    @Inject
    H2OutgoingQueueControl(Database database, H2OutgoingQueues outgoing, StoreQueues queues, Clock clock) {
        this(database, outgoing, queues, clock, BATCH);
    }

    /** {@code batch}: entries changed per transaction by an action by filter. */
    H2OutgoingQueueControl(Database database, H2OutgoingQueues outgoing, StoreQueues queues, Clock clock, int batch) {
        this.database = database;
        this.outgoing = outgoing;
        this.actions = new QueueEntryActions(database, outgoing, queues.outgoing());
        this.queues = queues;
        this.clock = clock;
        this.batch = batch;
    }

    @Override
    public List<String> queueNames() {
        TreeSet<String> names = new TreeSet<>(outgoing.declaredNames());
        names.add(SPOOL);
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT queue_name FROM outgoing");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                return null;
            }
        });
        return List.copyOf(names);
    }

    private static QueueTable table(String queueName) {
        return queueName.equals(SPOOL) ? QueueTable.SPOOL : QueueTable.OUTGOING;
    }

    @Override
    public long count(String queueName, QueuedMailFilter filter) {
        QueueTable table = table(queueName);
        QueueTable.Condition where = table.where(queueName, filter, clock.millis());
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table.table() + " o WHERE "
                    + where.sql())) {
                where.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<QueuedMail> list(String queueName, QueuedMailFilter filter, int limit) {
        QueueTable table = table(queueName);
        QueueTable.Condition where = table.where(queueName, filter, clock.millis());
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(summary(table) + where.sql()
                    + " ORDER BY o.next_attempt_at, o.id LIMIT ?")) {
                ps.setInt(where.bind(ps, 1), limit);
                return summaries(ps, table);
            }
        });
    }

    @Override
    public Optional<QueuedMail> entry(String queueName, long entryId) {
        QueueTable table = table(queueName);
        QueueTable.Condition where = table.where(queueName, QueuedMailFilter.ALL, clock.millis());
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(summary(table) + where.sql() + " AND o.id = ?")) {
                ps.setLong(where.bind(ps, 1), entryId);
                return summaries(ps, table).stream().findFirst();
            }
        });
    }

    @Override
    public Optional<MessageParts> message(String queueName, long entryId) {
        QueueTable table = table(queueName);
        QueueTable.Condition where = table.where(queueName, QueuedMailFilter.ALL, clock.millis());
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT o.headers, o.body_id, " + H2Body.COLUMNS
                    + " FROM " + table.table() + " o JOIN message_body b ON b.id = o.body_id WHERE " + where.sql()
                    + " AND o.id = ?")) {
                ps.setLong(where.bind(ps, 1), entryId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new MessageParts(rs.getBytes(1), H2Body.of(database, rs.getLong(2), rs)));
                }
            }
        });
    }

    private static String summary(QueueTable table) {
        return SUMMARY.formatted(table.heldColumn(), table.placeColumn(), table.table());
    }

    private List<QueuedMail> summaries(PreparedStatement ps, QueueTable table) throws SQLException {
        Set<Long> underWay = (table.oneQueue() ? queues.spool() : queues.outgoing()).underWay();
        try (ResultSet rs = ps.executeQuery()) {
            List<QueuedMail> mails = new ArrayList<>();
            while (rs.next()) {
                boolean held = rs.getBoolean(10);
                mails.add(new QueuedMail(rs.getLong(1), new QueueId(rs.getLong(2)), rs.getString(3),
                        MailRecord.sender(rs.getString(4)), MailRecord.recipients(rs.getString(5)), rs.getInt(6),
                        held ? Optional.empty() : Optional.of(Instant.ofEpochMilli(rs.getLong(7))), rs.getString(8),
                        Instant.ofEpochMilli(rs.getLong(9)), held, rs.getLong(11),
                        table.oneQueue() ? Optional.of(rs.getString(12)) : Optional.empty(),
                        underWay.contains(rs.getLong(1))));
            }
            return mails;
        }
    }

    private static void refuseSpool(String queueName) {
        if (queueName.equals(SPOOL)) {
            throw new IllegalArgumentException("the spool holds mail being processed: it can be listed and shown, "
                    + "not changed");
        }
    }

    @Override
    public ActionResult apply(String queueName, long entryId, QueueAction action) {
        refuseSpool(queueName);
        QueueTable.Condition where = QueueTable.OUTGOING.where(queueName, QueuedMailFilter.ALL, clock.millis());
        List<QueueEntryActions.Row> rows = actions.rows(where, " AND o.id = ?", entryId, 1);
        if (rows.isEmpty()) {
            return ActionResult.NO_SUCH_ENTRY;
        }
        QueueEntryActions.Done done = actions.run(rows, action, clock.millis());
        return done.underDelivery() > 0 ? ActionResult.UNDER_DELIVERY
                : done.applied() > 0 ? ActionResult.APPLIED : ActionResult.UNCHANGED;
    }

    @Override
    public BatchProgress.Counts apply(String queueName, QueuedMailFilter filter, QueueAction action,
                                      BatchProgress progress) {
        refuseSpool(queueName);
        long now = clock.millis();
        QueueTable.Condition where = QueueTable.OUTGOING.where(queueName, filter, now);
        BatchProgress.Counts counts = BatchProgress.Counts.NONE;
        long after = 0;
        while (true) {
            List<QueueEntryActions.Row> rows = actions.rows(where, " AND o.id > ? ORDER BY o.id", after, batch);
            if (rows.isEmpty()) {
                break;
            }
            QueueEntryActions.Done done = actions.run(rows, action, now);
            counts = counts.plus(done.applied(), rows.size() - done.applied());
            after = rows.getLast().id();
            if (!progress.proceed(counts) || rows.size() < batch) {
                break;
            }
        }
        LOG.info("operator action {} on outgoing queue {}: {} entries changed, {} left alone", action.kind(),
                queueName, counts.processed(), counts.skipped());
        return counts;
    }
}
