package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.mailet.Mail;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.api.mail.Envelope;
import org.mailgate.api.mail.HeaderSection;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.spool.Arrival;
import org.mailgate.api.spool.MailSpool;
import org.mailgate.api.spool.SpoolProcessing;
import org.mailgate.api.spool.SpoolUnit;

/** The spool in H2: where accepted mail waits, durably, to be processed. */
@Singleton
public final class SpoolStore implements MailSpool, SpoolProcessing {

    /** Received mail with a header section larger than this is refused by SMTP before it gets here. */
    static final int MAX_HEADER_SECTION = MessageParts.MAX_HEADER_SECTION;

    private static final String INSERT = "INSERT INTO spool(" + MailRecord.COLUMNS
            + ", state, next_attempt_at, failed_attempts) VALUES (" + MailRecord.PLACEHOLDERS + ", ?, ?, 0)";

    private final Database database;
    private final Transactions transactions;
    private final StoreQueues queues;
    private final Clock clock;
    private final RecentEntries<Recent> recent = new RecentEntries<>(16L * 1024 * 1024);

    /** A spool entry as it was committed: what {@link #open} would read back. */
    private record Recent(MailRecord record, H2Body body, String state) {
    }

    @Inject
    SpoolStore(Database database, Transactions transactions, StoreQueues queues, Clock clock) {
        this.database = database;
        this.transactions = transactions;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public QueueId reserveId() {
        return database.queueIds().next();
    }

    @Override
    public void accept(QueueId id, Envelope envelope, Arrival arrival, InputStream content) throws IOException {
        Connection c;
        try {
            c = database.borrow();
        } catch (SQLException e) {
            throw new IOException("store unavailable: " + e.getMessage(), e);
        }
        long entryId;
        long size;
        try {
            HeaderSection.Split split = HeaderSection.split(content, MAX_HEADER_SECTION);
            byte[] headers = split.headers();
            H2Body body = Bodies.insert(database, c, split.body());
            MailRecord record = new MailRecord(id, id.toString(), envelope.sender(), envelope.recipients(), headers,
                    body.id(), AttributesJson.write(arrival.attributes().stream(), id.toString()), null,
                    arrival.remoteAddr(), arrival.remoteHost(), clock.millis());
            entryId = insert(c, record, Mail.DEFAULT, Duration.ZERO);
            size = headers.length + body.size();
            c.commit();
            recent.put(entryId, new Recent(record, body, Mail.DEFAULT), sizeInMemory(record, body));
        } catch (SQLException e) {
            database.discard(c);
            throw unwrap(e);
        } catch (IOException | RuntimeException e) {
            database.discard(c);
            throw e;
        }
        database.giveBack(c);
        database.awaitDurable();
        MailAudit.log(id, "received {}, from=<{}>, size={}, nrcpt={}", arrival.client(),
                envelope.sender().asString(""), size, envelope.recipients().size());
        queues.spool().announce(entryId);
    }

    private static long sizeInMemory(MailRecord record, H2Body body) {
        return 512 + record.headers().length + (body.inline() == null ? 0 : body.inline().length);
    }

    /** An I/O failure of the content stream reaches us wrapped by H2; hand the original back. */
    private static IOException unwrap(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return new IOException("store failure: " + e.getMessage(), e);
    }

    /** Inserts a spool entry; returns its id. */
    long insert(Connection c, MailRecord record, String state, Duration delay) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT, java.sql.Statement.RETURN_GENERATED_KEYS)) {
            record.bind(ps, 1);
            ps.setString(MailRecord.COLUMN_COUNT + 1, state);
            ps.setLong(MailRecord.COLUMN_COUNT + 2, clock.millis() + delay.toMillis());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** After commit: a due entry goes straight to the consumers, a delayed one moves the next due time. */
    void announce(long entryId, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            queues.spool().announce(entryId);
        } else {
            queues.spool().announceLater();
        }
    }

    @Override
    public void send(Mail mail, String state, Duration delay) throws MessagingException {
        MessageParts parts = MailParts.of(mail);
        try {
            Inserted inserted = transactions.run(c -> {
                QueueId queueId = database.queueIds().next();
                long bodyId = transactions.referenceBody(c, parts.body());
                return new Inserted(queueId, insert(c, MailParts.record(mail, queueId, parts.headerSection(), bodyId,
                        clock), state, delay));
            }, done -> announce(done.entryId(), delay));
            if (MailAudit.enabled()) {
                Optional<QueueId> parent = transactions.currentQueueId();
                parent.ifPresent(p -> MailAudit.log(p, "created {} in processor {}", inserted.queueId(), state));
                MailAudit.log(inserted.queueId(), "queued into the spool in processor {}, name={}, parent={}",
                        state, mail.getName(), parent.map(QueueId::toString).orElse("none"));
            }
        } catch (SQLException e) {
            throw new MessagingException("cannot store mail " + mail.getName() + ": " + e.getMessage(), e);
        }
    }

    /** A new entry: its message's queue id and its row id. */
    record Inserted(QueueId queueId, long entryId) {
    }

    @Override
    public Optional<SpoolUnit> open(long entryId) {
        Connection c;
        try {
            c = database.borrow();
        } catch (SQLException e) {
            throw new StoreException("store unavailable: " + e.getMessage(), e);
        }
        Optional<Recent> known = recent.take(entryId);
        if (known.isPresent()) {
            MailRecord record = known.get().record();
            MailgateMail mail = MailParts.toMail(record, known.get().body()).state(known.get().state()).build();
            Unit unit = new Unit(entryId, record, mail, 0, c);
            transactions.bind(unit.tx);
            return Optional.of(unit);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT s.*, " + H2Body.COLUMNS + " "
                + "FROM spool s JOIN message_body b ON b.id = s.body_id WHERE s.id = ?")) {
            ps.setLong(1, entryId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    c.commit();
                    database.giveBack(c);
                    return Optional.empty();
                }
                MailRecord record = MailRecord.read(rs);
                MailgateMail mail = MailParts.toMail(record, H2Body.of(database, record.bodyId(), rs))
                        .state(rs.getString("state"))
                        .build();
                Unit unit = new Unit(entryId, record, mail, rs.getInt("failed_attempts"), c);
                transactions.bind(unit.tx);
                return Optional.of(unit);
            }
        } catch (SQLException | RuntimeException e) {
            database.discard(c);
            throw new StoreException("cannot load spool entry " + entryId + ": " + e.getMessage(), e);
        }
    }

    /** One spooled mail under processing; see {@link SpoolUnit}. */
    private final class Unit implements SpoolUnit {
        private final long entryId;
        private final MailRecord record;
        private final MailgateMail mail;
        private final int failedAttempts;
        private final Transactions.Unit tx;
        private boolean finished;

        Unit(long entryId, MailRecord record, MailgateMail mail, int failedAttempts, Connection c) {
            this.entryId = entryId;
            this.record = record;
            this.mail = mail;
            this.failedAttempts = failedAttempts;
            this.tx = new Transactions.Unit(c, record.queueId(), record.bodyId());
        }

        @Override
        public Mail mail() {
            return mail;
        }

        @Override
        public QueueId queueId() {
            return record.queueId();
        }

        @Override
        public int failedAttempts() {
            return failedAttempts;
        }

        @Override
        public void complete() {
            Connection c = tx.connection;
            boolean committed = false;
            try {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM spool WHERE id = ?")) {
                    ps.setLong(1, entryId);
                    if (ps.executeUpdate() != 1) {
                        throw new StoreException("spool entry " + entryId + " vanished while being processed");
                    }
                }
                if (!tx.bodyHandedOn) {
                    Bodies.release(c, record.bodyId());
                }
                c.commit();
                committed = true;
            } catch (SQLException e) {
                throw new StoreException("cannot complete spool entry " + entryId + ": " + e.getMessage(), e);
            } finally {
                finish(committed);
            }
            // No wait for the disk here: the hand-off is one transaction, so a crash before the next
            // checkpoint brings back the spool entry (processed again) and never a half-moved mail. Only
            // what is promised to a client (the 250 of DATA) waits for its fsync.
            tx.afterCommit.forEach(Runnable::run);
        }

        @Override
        public void retryLater(Duration delay, String reason) {
            if (!finished) {
                finish(false);
            }
            database.inTransaction(c -> reschedule(c, delay, reason));
            queues.spool().announceLater();
        }

        private int reschedule(Connection c, Duration delay, String reason) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("UPDATE spool SET next_attempt_at = ?, "
                    + "failed_attempts = failed_attempts + 1, last_error = ? WHERE id = ?")) {
                ps.setLong(1, clock.millis() + delay.toMillis());
                ps.setString(2, reason);
                ps.setLong(3, entryId);
                return ps.executeUpdate();
            }
        }

        @Override
        public void close() {
            if (!finished) {
                finish(false);
            }
        }

        /** Ends the unit: a committed session goes back to the pool, any other is rolled back first. */
        private void finish(boolean committed) {
            finished = true;
            transactions.unbind();
            if (committed) {
                database.giveBack(tx.connection);
            } else {
                database.discard(tx.connection);
                tx.afterRollback.forEach(Runnable::run);
            }
        }
    }

    /** Entries, soonest due first (for operators and tests). */
    public java.util.List<QueueEntry> entries(int limit) {
        return QueueListing.list(database, "spool", "state", limit);
    }

    /** Number of entries in the spool (for tests and metrics). */
    public long size() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM spool");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
