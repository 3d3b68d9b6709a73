package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.Mail;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.delivery.OutgoingQueue;
import org.mailgate.api.delivery.OutgoingQueues;
import org.mailgate.api.delivery.OutgoingStore;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;

/**
 * The outgoing queues in H2: one table for all of them, ordered by next attempt. A queue's delivery
 * settings are declared by the mailet that feeds it and kept in memory; entries only name their queue.
 */
@Singleton
public final class H2OutgoingQueues implements OutgoingQueues, OutgoingStore {


    private static final String INSERT = "INSERT INTO outgoing(" + MailRecord.COLUMNS
            + ", queue_name, next_attempt_at, failed_attempts) VALUES (" + MailRecord.PLACEHOLDERS + ", ?, ?, 0)";
    private static final String INSERT_SPOOL = "INSERT INTO spool(" + MailRecord.COLUMNS
            + ", state, next_attempt_at, failed_attempts) VALUES (" + MailRecord.PLACEHOLDERS + ", ?, ?, 0)";

    private final Database database;
    private final Transactions transactions;
    private final StoreQueues queues;
    private final Clock clock;
    private final Map<String, DeliverySettings> declared = new ConcurrentHashMap<>();
    private final RecentEntries<OutgoingMail> recent = new RecentEntries<>(16L * 1024 * 1024);

    @Inject
    H2OutgoingQueues(Database database, Transactions transactions, StoreQueues queues, Clock clock) {
        this.database = database;
        this.transactions = transactions;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public OutgoingQueue declare(DeliverySettings settings) {
        DeliverySettings existing = declared.putIfAbsent(settings.queueName(), settings);
        if (existing != null && !existing.equals(settings)) {
            throw new IllegalStateException("outgoing queue '" + settings.queueName()
                    + "' is already fed by another RemoteDelivery with different settings; give one of them "
                    + "its own outgoingQueue");
        }
        return new Queue(settings.queueName());
    }

    /** Deliveries that may run at once over all declared queues ({@code deliveryThreads} summed); 20 if none. */
    public int totalDeliveryThreads() {
        int total = declared.values().stream().mapToInt(DeliverySettings::maxDeliveries).sum();
        return total == 0 ? 20 : total;
    }

    @Override
    public Optional<DeliverySettings> settings(String queueName) {
        return Optional.ofNullable(declared.get(queueName));
    }

    private final class Queue implements OutgoingQueue {
        private final String name;

        Queue(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void enqueue(Mail mail) throws MessagingException {
            MessageParts parts = MailParts.of(mail);
            try {
                Enqueued enqueued = transactions.run(c -> {
                    QueueId queueId = transactions.queueIdFor(c);
                    long bodyId = transactions.referenceBody(c, parts.body());
                    MailRecord record = MailParts.record(mail, queueId, parts.headerSection(), bodyId, clock);
                    try (PreparedStatement ps = c.prepareStatement(INSERT, java.sql.Statement.RETURN_GENERATED_KEYS)) {
                        record.bind(ps, 1);
                        ps.setString(MailRecord.COLUMN_COUNT + 1, name);
                        ps.setLong(MailRecord.COLUMN_COUNT + 2, clock.millis());
                        ps.executeUpdate();
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            keys.next();
                            long entryId = keys.getLong(1);
                            // claimed from now until announced: no operator's action between commit and
                            // announcement, which would leave the copy remembered below out of date
                            queues.outgoing().reserve(entryId);
                            transactions.onRollback(() -> queues.outgoing().unreserve(entryId));
                            return new Enqueued(entryId, name, record, parts);
                        }
                    }
                }, done -> {
                    remember(done);
                    queues.outgoing().announceReserved(done.entryId());
                });
                if (MailAudit.enabled()) {
                    MailAudit.log(MailAudit.label(enqueued.record().queueId(), mail.getName()),
                            "queued for delivery: queue={}, to={}", name, mail.getRecipients());
                }
            } catch (SQLException e) {
                throw new MessagingException("cannot queue mail " + mail.getName() + " for delivery: "
                        + e.getMessage(), e);
            }
        }
    }

    /** A new outgoing entry, as inserted. */
    private record Enqueued(long entryId, String queueName, MailRecord record, MessageParts parts) {
    }

    /** Keeps a committed entry for its delivery, if its body is one of this store's. */
    private void remember(Enqueued e) {
        if (e.parts().body() instanceof H2Body body && body.database() == database) {
            MailRecord record = e.record();
            H2Body stored = new H2Body(database, record.bodyId(), body.size(), body.inline());
            recent.put(e.entryId(), new OutgoingMail(e.entryId(), record.queueId(), record.name(), e.queueName(),
                    record.sender(), record.recipients(), 0, Instant.ofEpochMilli(record.createdAt()),
                    new MessageParts(record.headers(), stored), false, AttributesJson.dsn(record.attributesJson())),
                    512 + record.headers().length + (body.inline() == null ? 0 : body.inline().length));
        }
    }

    @Override
    public Optional<OutgoingMail> load(long entryId) {
        Optional<OutgoingMail> known = recent.take(entryId);
        if (known.isPresent()) {
            return known;
        }
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT o.*, " + H2Body.COLUMNS + " "
                    + "FROM outgoing o JOIN message_body b ON b.id = o.body_id WHERE o.id = ? AND o.held = FALSE")) {
                ps.setLong(1, entryId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    MailRecord r = MailRecord.read(rs);
                    return Optional.of(new OutgoingMail(entryId, r.queueId(), r.name(), rs.getString("queue_name"),
                            r.sender(), r.recipients(), rs.getInt("failed_attempts"),
                            Instant.ofEpochMilli(r.createdAt()),
                            new MessageParts(r.headers(), H2Body.of(database, r.bodyId(), rs)),
                            rs.getBoolean("delay_warned"), AttributesJson.dsn(r.attributesJson()),
                            rs.getBoolean("return_requested")));
                }
            }
        });
    }

    /**
     * Records an attempt in one transaction. It does not wait for the disk: a crash before the next
     * checkpoint only brings back the entry as it was, to be attempted again. Deferred recipients count
     * one more failed attempt unless the outcome says they were only waiting for room.
     */
    @Override
    public void record(OutgoingMail mail, AttemptOutcome outcome) {
        long bodyId = ((H2Body) mail.message().body()).id();
        List<Runnable> audit = new ArrayList<>(2);
        List<Long> spooled = database.inTransaction(c -> {
            audit.clear();
            List<Long> entries = new ArrayList<>(2);
            AttemptOutcome.Failure failure = outcome.failure();
            AttemptOutcome.Success success = outcome.delivered();
            MailRecord row = failure.processor().isPresent() || success.processor().isPresent()
                    ? currentRow(c, mail.entryId()) : null;
            if (!failure.recipients().isEmpty() && failure.processor().isPresent()) {
                entries.add(toSpool(c, row, failure.recipients(), failure.processor().get(), failure.reason(),
                        failure.attributes()));
                audit.add(() -> MailAudit.log(mail.auditLabel(), "undeliverable to {}: back into the spool in "
                        + "processor {}", failure.recipients(), failure.processor().get()));
            }
            if (failure.report().isPresent()) {
                entries.add(report(c, mail, failure.report().get(), "failure report (bounce)", audit));
            }
            if (outcome.delayReport().isPresent()) {
                entries.add(report(c, mail, outcome.delayReport().get(), "delay warning", audit));
            }
            if (success.report().isPresent()) {
                entries.add(report(c, mail, success.report().get(), "relayed report", audit));
            }
            if (success.processor().isPresent()) {
                entries.add(toSpool(c, row, success.recipients(), success.processor().get(), row.errorMessage(),
                        List.of()));
                audit.add(() -> MailAudit.log(mail.auditLabel(), "delivered to {}: back into the spool in processor {}",
                        success.recipients(), success.processor().get()));
            }
            if (outcome.deferred().isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM outgoing WHERE id = ?")) {
                    ps.setLong(1, mail.entryId());
                    if (ps.executeUpdate() == 0) {
                        throw new SQLException("outgoing entry " + mail.entryId() + " vanished during delivery");
                    }
                }
                Bodies.release(c, bodyId);
                audit.add(() -> MailAudit.log(mail.auditLabel(), "removed from outgoing queue {}", mail.queueName()));
            } else {
                try (PreparedStatement ps = c.prepareStatement("UPDATE outgoing SET recipients = ?, "
                        + "next_attempt_at = CASE WHEN held THEN " + H2OutgoingQueueControl.HELD_UNTIL + " ELSE ? END, "
                        + "failed_attempts = failed_attempts + ?, last_error = ?, delay_warned = delay_warned OR ? "
                        + "WHERE id = ?")) {
                    ps.setString(1, MailRecord.recipientsText(outcome.deferred()));
                    ps.setLong(2, outcome.retryAt().orElseThrow().toEpochMilli());
                    ps.setInt(3, outcome.failedAttempt() ? 1 : 0);
                    ps.setString(4, outcome.deferReason());
                    ps.setBoolean(5, outcome.delayReport().isPresent());
                    ps.setLong(6, mail.entryId());
                    ps.executeUpdate();
                }
            }
            return entries;
        });
        audit.forEach(Runnable::run);
        if (!outcome.deferred().isEmpty()) {
            queues.outgoing().announceLater();
        }
        spooled.forEach(queues.spool()::announce);
    }

    private static MailRecord currentRow(Connection c, long entryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM outgoing WHERE id = ?")) {
            ps.setLong(1, entryId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("outgoing entry " + entryId + " vanished during delivery");
                }
                return MailRecord.read(rs);
            }
        }
    }

    /**
     * Some recipients of an outgoing entry go back into the spool, same message, same queue id, in
     * {@code processor}, with {@code errorMessage} and {@code extra} attributes added to the mail's.
     */
    private long toSpool(Connection c, MailRecord row, List<MailAddress> recipients, String processor,
                         String errorMessage, List<Attribute> extra) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE message_body SET refs = refs + 1 WHERE id = ?")) {
            ps.setLong(1, row.bodyId());
            ps.executeUpdate();
        }
        String attributes = row.attributesJson();
        if (!extra.isEmpty()) {
            Map<String, Attribute> merged = new java.util.LinkedHashMap<>();
            AttributesJson.read(attributes).forEach(a -> merged.put(a.getName().asString(), a));
            extra.forEach(a -> merged.put(a.getName().asString(), a));
            attributes = AttributesJson.write(merged.values().stream(), row.name());
        }
        MailRecord copy = new MailRecord(row.queueId(), row.name(), row.sender(), recipients, row.headers(),
                row.bodyId(), attributes, errorMessage, row.remoteAddr(), row.remoteHost(), clock.millis());
        return insertSpool(c, copy, processor);
    }

    /** A report about the entry goes into the spool as a new mail, in the root processor. */
    private long report(Connection c, OutgoingMail about, Mail report, String kind, List<Runnable> audit)
            throws SQLException {
        try {
            MessageParts parts = MailParts.of(report);
            long bodyId = Bodies.reference(database, c, parts.body());
            QueueId queueId = database.queueIds().next();
            audit.add(() -> MailAudit.log(about.auditLabel(), "{} {} queued into the spool, to {}", kind, queueId,
                    report.getRecipients()));
            audit.add(() -> MailAudit.log(queueId, "queued into the spool in processor {}, {} about parent={}",
                    Mail.DEFAULT, kind, about.queueId()));
            return insertSpool(c, MailParts.record(report, queueId, parts.headerSection(), bodyId, clock), Mail.DEFAULT);
        } catch (MessagingException e) {
            throw new SQLException("cannot store the report " + report.getName() + ": " + e.getMessage(), e);
        }
    }

    private long insertSpool(Connection c, MailRecord record, String state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SPOOL, java.sql.Statement.RETURN_GENERATED_KEYS)) {
            record.bind(ps, 1);
            ps.setString(MailRecord.COLUMN_COUNT + 1, state);
            ps.setLong(MailRecord.COLUMN_COUNT + 2, clock.millis());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Forgets what is kept in memory of an entry an operator removed or changed. */
    void forget(long entryId) {
        recent.take(entryId);
    }

    /** The names of the queues declared by this configuration. */
    java.util.Set<String> declaredNames() {
        return java.util.Set.copyOf(declared.keySet());
    }

    /** Entries, soonest due first (for operators and tests). */
    public java.util.List<QueueEntry> entries(int limit) {
        return QueueListing.list(database, "outgoing", "queue_name", limit);
    }

    /** Number of entries in all outgoing queues (for tests and metrics). */
    public long size() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outgoing");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
