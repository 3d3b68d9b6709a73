package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import java.io.BufferedInputStream;
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
import org.mailgate.api.mail.Envelope;
import org.mailgate.api.mail.HeaderSection;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.spool.Arrival;
import org.mailgate.api.spool.MailSpool;
import org.mailgate.api.spool.SpoolProcessing;
import org.mailgate.api.spool.SpoolUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The spool in H2: where accepted mail waits, durably, to be processed. */
@Singleton
public final class SpoolStore implements MailSpool, SpoolProcessing {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolStore.class);
    /** Received mail with a header section larger than this is refused by SMTP before it gets here. */
    static final int MAX_HEADER_SECTION = MessageParts.MAX_HEADER_SECTION;

    private static final String INSERT = "INSERT INTO spool(" + MailRecord.COLUMNS
            + ", state, next_attempt_at, failed_attempts) VALUES (" + MailRecord.PLACEHOLDERS + ", ?, ?, 0)";

    private final Database database;
    private final Transactions transactions;
    private final StoreQueues queues;
    private final Clock clock;

    @Inject
    SpoolStore(Database database, Transactions transactions, StoreQueues queues, Clock clock) {
        this.database = database;
        this.transactions = transactions;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public QueueId reserveId() {
        return database.inTransaction(SpoolStore::nextQueueId);
    }

    static QueueId nextQueueId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT NEXT VALUE FOR queue_id_seq");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new QueueId(rs.getLong(1));
        }
    }

    @Override
    public void accept(QueueId id, Envelope envelope, Arrival arrival, InputStream content) throws IOException {
        Connection c;
        try {
            c = database.borrow();
        } catch (SQLException e) {
            throw new IOException("store unavailable: " + e.getMessage(), e);
        }
        try {
            InputStream in = new BufferedInputStream(content, 64 * 1024);
            byte[] headers = HeaderSection.read(in, MAX_HEADER_SECTION);
            H2Body body = Bodies.insert(database, c, in);
            MailRecord record = new MailRecord(id, id.toString(), envelope.sender(), envelope.recipients(), headers,
                    body.id(), AttributesJson.write(arrival.attributes().stream(), id.toString()), null,
                    arrival.remoteAddr(), arrival.remoteHost(), clock.millis());
            insert(c, record, Mail.DEFAULT);
            c.commit();
        } catch (SQLException e) {
            throw unwrap(e);
        } finally {
            database.giveBack(c);
        }
        database.awaitDurable();
        queues.spool().announce();
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

    private void insert(Connection c, MailRecord record, String state) throws SQLException {
        insert(c, record, state, Duration.ZERO);
    }

    private void insert(Connection c, MailRecord record, String state, Duration delay) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            record.bind(ps, 1);
            ps.setString(MailRecord.COLUMN_COUNT + 1, state);
            ps.setLong(MailRecord.COLUMN_COUNT + 2, clock.millis() + delay.toMillis());
            ps.executeUpdate();
        }
    }

    @Override
    public void send(Mail mail, String state, Duration delay) throws MessagingException {
        MessageParts parts = MailParts.of(mail);
        try {
            QueueId id = transactions.run(c -> {
                QueueId queueId = nextQueueId(c);
                long bodyId = Bodies.reference(database, c, parts.body());
                insert(c, MailParts.record(mail, queueId, parts.headerSection(), bodyId, clock), state, delay);
                return queueId;
            }, queues.spool()::announce);
            LOG.info("{}: queued into the spool in processor {} (from {})", id, state, mail.getName());
        } catch (SQLException e) {
            throw new MessagingException("cannot store mail " + mail.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<SpoolUnit> open(long entryId) {
        Connection c;
        try {
            c = database.borrow();
        } catch (SQLException e) {
            throw new StoreException("store unavailable: " + e.getMessage(), e);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT s.*, OCTET_LENGTH(b.content) AS body_size "
                + "FROM spool s JOIN message_body b ON b.id = s.body_id WHERE s.id = ?")) {
            ps.setLong(1, entryId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    database.giveBack(c);
                    return Optional.empty();
                }
                MailRecord record = MailRecord.read(rs);
                MailgateMail mail = MailParts.toMail(record, new H2Body(database, record.bodyId(), rs.getLong("body_size")))
                        .state(rs.getString("state"))
                        .build();
                Unit unit = new Unit(entryId, record, mail, rs.getInt("failed_attempts"), c);
                transactions.bind(unit.tx);
                return Optional.of(unit);
            }
        } catch (SQLException | RuntimeException e) {
            database.giveBack(c);
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
            this.tx = new Transactions.Unit(c, record.queueId());
        }

        @Override
        public Mail mail() {
            return mail;
        }

        @Override
        public int failedAttempts() {
            return failedAttempts;
        }

        @Override
        public void complete() {
            Connection c = tx.connection;
            try {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM spool WHERE id = ?")) {
                    ps.setLong(1, entryId);
                    if (ps.executeUpdate() != 1) {
                        throw new StoreException("spool entry " + entryId + " vanished while being processed");
                    }
                }
                Bodies.release(c, record.bodyId());
                c.commit();
            } catch (SQLException e) {
                throw new StoreException("cannot complete spool entry " + entryId + ": " + e.getMessage(), e);
            } finally {
                finish();
            }
            database.awaitDurable();
            tx.afterCommit.forEach(Runnable::run);
        }

        @Override
        public void retryLater(Duration delay, String reason) {
            try {
                if (finished) {
                    database.inTransaction(c -> reschedule(c, delay, reason));
                } else {
                    Connection c = tx.connection;
                    c.rollback();
                    reschedule(c, delay, reason);
                    c.commit();
                }
            } catch (SQLException e) {
                throw new StoreException("cannot reschedule spool entry " + entryId + ": " + e.getMessage(), e);
            } finally {
                if (!finished) {
                    finish();
                }
            }
            queues.spool().announce();
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
                finish();
            }
        }

        private void finish() {
            finished = true;
            transactions.unbind();
            database.giveBack(tx.connection);
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
