package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.mailgate.api.delivery.OutgoingQueueControl;
import org.mailgate.api.delivery.QueuedMail;
import org.mailgate.api.delivery.QueuedMailFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's view of the outgoing table. An entry being delivered at the moment of a removal is
 * left alone (its attempt decides its fate); a flush makes deferred entries due and wakes delivery.
 */
@Singleton
public final class H2OutgoingQueueControl implements OutgoingQueueControl {

    private static final Logger LOG = LoggerFactory.getLogger(H2OutgoingQueueControl.class);

    private final Database database;
    private final H2OutgoingQueues outgoing;
    private final StoreQueues queues;
    private final Clock clock;

    @Inject
    H2OutgoingQueueControl(Database database, H2OutgoingQueues outgoing, StoreQueues queues, Clock clock) {
        this.database = database;
        this.outgoing = outgoing;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public List<String> queueNames() {
        TreeSet<String> names = new TreeSet<>(outgoing.declaredNames());
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

    @Override
    public long size(String queueName) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outgoing WHERE queue_name = ?")) {
                ps.setString(1, queueName);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<QueuedMail> list(String queueName, int limit) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, sender, recipients, failed_attempts, "
                    + "next_attempt_at, last_error FROM outgoing WHERE queue_name = ? "
                    + "ORDER BY next_attempt_at, id LIMIT ?")) {
                ps.setString(1, queueName);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<QueuedMail> mails = new ArrayList<>();
                    while (rs.next()) {
                        mails.add(new QueuedMail(rs.getLong(1), rs.getString(2), MailRecord.sender(rs.getString(3)),
                                MailRecord.recipients(rs.getString(4)), rs.getInt(5),
                                Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7)));
                    }
                    return mails;
                }
            }
        });
    }

    @Override
    public long remove(String queueName, QueuedMailFilter filter) {
        List<Long> removed = database.inDurableTransaction(c -> {
            List<Long> ids = new ArrayList<>();
            for (Row row : rows(c, queueName)) {
                if (row.matches(filter) && !queues.outgoing().isClaimed(row.id())) {
                    delete(c, row);
                    ids.add(row.id());
                }
            }
            return ids;
        });
        removed.forEach(outgoing::forget);
        LOG.info("operator removed {} entries from outgoing queue {}", removed.size(), queueName);
        return removed.size();
    }

    @Override
    public long flush(String queueName) {
        long now = clock.millis();
        int flushed = database.inDurableTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outgoing SET next_attempt_at = ? WHERE queue_name = ? AND next_attempt_at > ?")) {
                ps.setLong(1, now);
                ps.setString(2, queueName);
                ps.setLong(3, now);
                return ps.executeUpdate();
            }
        });
        if (flushed > 0) {
            queues.outgoing().announceLater();
        }
        LOG.info("operator flushed {} deferred entries of outgoing queue {}", flushed, queueName);
        return flushed;
    }

    private record Row(long id, long bodyId, String name, String sender, List<String> recipients) {

        boolean matches(QueuedMailFilter filter) {
            return filter.sender().map(sender::equalsIgnoreCase).orElse(true)
                    && filter.name().map(name::equals).orElse(true)
                    && filter.recipient().map(r -> recipients.stream().anyMatch(r::equalsIgnoreCase)).orElse(true);
        }
    }

    private static List<Row> rows(Connection c, String queueName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, body_id, name, sender, recipients FROM outgoing WHERE queue_name = ? FOR UPDATE")) {
            ps.setString(1, queueName);
            try (ResultSet rs = ps.executeQuery()) {
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            List.of(rs.getString(5).split("\n"))));
                }
                return rows;
            }
        }
    }

    private static void delete(Connection c, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outgoing WHERE id = ?")) {
            ps.setLong(1, row.id());
            ps.executeUpdate();
        }
        Bodies.release(c, row.bodyId());
    }
}
