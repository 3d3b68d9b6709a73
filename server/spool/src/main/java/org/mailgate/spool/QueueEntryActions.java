package org.mailgate.spool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.mailet.Mail;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.api.delivery.QueueAction;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.repository.MailRepositoryUrl;

/**
 * What an operator's action does to outgoing entries, a batch of them in one durable transaction:
 * <ul>
 * <li>delete: the row goes, with its body reference;</li>
 * <li>move: the row goes and its mail is stored in a repository (under its name, in {@code root}, its last
 *     error as error message), the repository row taking over the body reference;</li>
 * <li>bounce: the row is marked {@code return_requested} and made due: delivery fails its recipients at
 *     once with the report it sends for any failure;</li>
 * <li>hold: the row is marked {@code held} and its next attempt pushed to {@link H2OutgoingQueueControl#HELD_UNTIL};</li>
 * <li>release: a held row is due now; flush: a deferred row not held is due now.</li>
 * </ul>
 * Delete, move and bounce first {@link TableWorkQueue#withdraw withdraw} each entry from the delivery
 * queue, leaving alone one whose attempt is under way; a hold takes back an entry waiting in memory for
 * delivery, and holds one under way too (if its attempt defers it, it stays held). Each change is
 * written to the audit trail.
 */
final class QueueEntryActions {

    private final Database database;
    private final H2OutgoingQueues outgoing;
    private final TableWorkQueue work;

    QueueEntryActions(Database database, H2OutgoingQueues outgoing, TableWorkQueue work) {
        this.database = database;
        this.outgoing = outgoing;
        this.work = work;
    }

    /** An entry an action may apply to. */
    record Row(long id, QueueId queueId, String name, String queueName, long bodyId) {

        String label() {
            return MailAudit.label(queueId, name);
        }
    }

    /** What a batch did: entries changed, and entries left to the attempt under way. */
    record Done(long applied, long underDelivery) {
    }

    /** The rows {@code where} selects, with {@code more} (one parameter, {@code value}), at most {@code limit}. */
    List<Row> rows(QueueTable.Condition where, String more, long value, int limit) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT o.id, o.queue_id, o.name, o.queue_name, o.body_id "
                    + "FROM outgoing o WHERE " + where.sql() + more + " FETCH FIRST ? ROWS ONLY")) {
                int next = where.bind(ps, 1);
                ps.setLong(next, value);
                ps.setInt(next + 1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Row> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(new Row(rs.getLong(1), new QueueId(rs.getLong(2)), rs.getString(3), rs.getString(4),
                                rs.getLong(5)));
                    }
                    return rows;
                }
            }
        });
    }

    /** Applies {@code action} to {@code rows} in one durable transaction, {@code now} being the time to make due. */
    Done run(List<Row> rows, QueueAction action, long now) {
        boolean exclusive = switch (action.kind()) {
            case DELETE, MOVE, BOUNCE -> true;
            case HOLD, RELEASE, FLUSH -> false;
        };
        List<Row> taken = new ArrayList<>(rows.size());
        List<Long> withdrawn = new ArrayList<>(rows.size());
        for (Row row : rows) {
            // a hold also applies to an entry under delivery: if its attempt defers it, it stays held
            boolean free = (exclusive || action.kind() == QueueAction.Kind.HOLD) && work.withdraw(row.id());
            if (free) {
                withdrawn.add(row.id());
            }
            if (free || !exclusive) {
                taken.add(row);
            }
        }
        List<Runnable> afterCommit = new ArrayList<>();
        long applied;
        try {
            applied = database.inDurableTransaction(c -> {
                afterCommit.clear();
                long count = 0;
                for (Row row : taken) {
                    if (apply(c, row, action, now, afterCommit)) {
                        count++;
                    }
                }
                return count;
            });
        } finally {
            // what delivery keeps in memory of an entry is stale now: forgotten before anyone may take it
            taken.forEach(row -> outgoing.forget(row.id()));
            withdrawn.forEach(work::release);
        }
        afterCommit.forEach(Runnable::run);
        return new Done(applied, rows.size() - taken.size());
    }

    private boolean apply(Connection c, Row row, QueueAction action, long now, List<Runnable> afterCommit)
            throws SQLException {
        return switch (action.kind()) {
            case DELETE -> {
                if (!delete(c, row)) {
                    yield false;
                }
                Bodies.release(c, row.bodyId());
                afterCommit.add(() -> MailAudit.log(row.label(), "deleted by the operator from outgoing queue {}",
                        row.queueName()));
                yield true;
            }
            case MOVE -> move(c, row, action.repository().orElseThrow(), afterCommit);
            case BOUNCE -> {
                if (update(c, "return_requested = TRUE, held = FALSE, next_attempt_at = ?", "", row, now) == 0) {
                    yield false;
                }
                afterCommit.add(() -> {
                    MailAudit.log(row.label(), "to be returned to its sender by the operator");
                    work.announce(row.id()); // once the withdrawal is released, after this batch
                });
                yield true;
            }
            case HOLD -> {
                if (update(c, "held = TRUE, next_attempt_at = ?", " AND held = FALSE", row,
                        H2OutgoingQueueControl.HELD_UNTIL) == 0) {
                    yield false;
                }
                afterCommit.add(() -> MailAudit.log(row.label(), "held by the operator in outgoing queue {}",
                        row.queueName()));
                yield true;
            }
            case RELEASE -> changedThenAnnounced(update(c, "held = FALSE, next_attempt_at = ?", " AND held = TRUE",
                    row, now), row, "released by the operator", afterCommit);
            case FLUSH -> changedThenAnnounced(update(c, "next_attempt_at = ?",
                    " AND held = FALSE AND next_attempt_at > " + now, row, now), row, "flushed by the operator",
                    afterCommit);
        };
    }

    private boolean changedThenAnnounced(int changed, Row row, String audit, List<Runnable> afterCommit) {
        if (changed == 0) {
            return false;
        }
        afterCommit.add(() -> {
            MailAudit.log(row.label(), audit);
            work.announce(row.id());
        });
        return true;
    }

    private static int update(Connection c, String set, String condition, Row row, long value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outgoing SET " + set + " WHERE id = ?" + condition)) {
            ps.setLong(1, value);
            ps.setLong(2, row.id());
            return ps.executeUpdate();
        }
    }

    private static boolean delete(Connection c, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outgoing WHERE id = ?")) {
            ps.setLong(1, row.id());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * The mail's name as key, unless the repository already holds a mail under it (another entry of the same
     * mail, e.g. recipients split off by an earlier attempt, or one stored there before): storing would
     * replace, so losing, that mail; the entry's id then tells the two apart.
     */
    private static String freeKey(Connection c, MailRepositoryUrl url, String name, long entryId) throws SQLException {
        return RepositoryRows.lock(c, url, name).isEmpty() ? name : name + "-outgoing-" + entryId;
    }

    /** The row leaves the queue and its mail enters {@code url}; the repository row takes over the body. */
    private boolean move(Connection c, Row row, MailRepositoryUrl url, List<Runnable> afterCommit) throws SQLException {
        MailRecord record;
        String lastError;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM outgoing WHERE id = ?")) {
            ps.setLong(1, row.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                record = MailRecord.read(rs);
                lastError = rs.getString("last_error");
            }
        }
        if (!delete(c, row)) {
            return false;
        }
        MailRecord stored = lastError == null ? record : new MailRecord(record.queueId(), record.name(),
                record.sender(), record.recipients(), record.headers(), record.bodyId(), record.attributesJson(),
                lastError, record.remoteAddr(), record.remoteHost(), record.createdAt());
        String key = freeKey(c, url, record.name(), row.id());
        RepositoryRows.store(c, url, key, stored, Mail.DEFAULT);
        afterCommit.add(() -> MailAudit.log(row.label(), "moved by the operator from outgoing queue {} to repository {}, "
                + "key={}", row.queueName(), url, key));
        return true;
    }
}
