package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mailet.Mail;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.repository.MailRepository;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mail repositories in H2, all in one table keyed by repository URL and mail key (the mail's name). */
@Singleton
public final class H2MailRepositoryStore implements MailRepositoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(H2MailRepositoryStore.class);

    private static final String INSERT = "INSERT INTO repository_mail(repository, mail_key, " + MailRecord.COLUMNS
            + ", state) VALUES (?, ?, " + MailRecord.PLACEHOLDERS + ", ?)";

    private final Database database;
    private final Transactions transactions;
    private final Clock clock;

    @Inject
    H2MailRepositoryStore(Database database, Transactions transactions, Clock clock) {
        this.database = database;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public MailRepository select(MailRepositoryUrl url) {
        return new Repository(url);
    }

    @Override
    public List<MailRepositoryUrl> urls() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT repository FROM repository_mail ORDER BY repository");
                 ResultSet rs = ps.executeQuery()) {
                List<MailRepositoryUrl> urls = new ArrayList<>();
                while (rs.next()) {
                    urls.add(new MailRepositoryUrl(rs.getString(1)));
                }
                return urls;
            }
        });
    }

    private final class Repository implements MailRepository {
        private final MailRepositoryUrl url;

        Repository(MailRepositoryUrl url) {
            this.url = url;
        }

        @Override
        public MailRepositoryUrl url() {
            return url;
        }

        /** Stores under the mail's name; a mail stored again under the same name replaces the old one. */
        @Override
        public String store(Mail mail) throws MessagingException {
            MessageParts parts = MailParts.of(mail);
            String key = mail.getName();
            try {
                QueueId id = transactions.run(c -> {
                    QueueId queueId = transactions.queueIdFor(c);
                    long bodyId = transactions.referenceBody(c, parts.body());
                    removeRow(c, key);
                    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                        ps.setString(1, url.value());
                        ps.setString(2, key);
                        MailParts.record(mail, queueId, parts.headerSection(), bodyId, clock).bind(ps, 3);
                        ps.setString(3 + MailRecord.COLUMN_COUNT, mail.getState());
                        ps.executeUpdate();
                    }
                    return queueId;
                }, done -> { });
                LOG.info("{}: stored in repository {} as {}", id, url, key);
                return key;
            } catch (SQLException e) {
                throw new MessagingException("cannot store mail " + key + " in " + url + ": " + e.getMessage(), e);
            }
        }

        private boolean removeRow(java.sql.Connection c, String key) throws SQLException {
            Long bodyId = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT body_id FROM repository_mail WHERE repository = ? AND mail_key = ?")) {
                ps.setString(1, url.value());
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        bodyId = rs.getLong(1);
                    }
                }
            }
            if (bodyId == null) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM repository_mail WHERE repository = ? AND mail_key = ?")) {
                ps.setString(1, url.value());
                ps.setString(2, key);
                ps.executeUpdate();
            }
            Bodies.release(c, bodyId);
            return true;
        }

        @Override
        public long size() {
            return database.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM repository_mail WHERE repository = ?")) {
                    ps.setString(1, url.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        }

        @Override
        public List<String> keys(int offset, int limit) {
            return database.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT mail_key FROM repository_mail "
                        + "WHERE repository = ? ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                    ps.setString(1, url.value());
                    ps.setInt(2, offset);
                    ps.setInt(3, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        List<String> keys = new ArrayList<>();
                        while (rs.next()) {
                            keys.add(rs.getString(1));
                        }
                        return keys;
                    }
                }
            });
        }

        @Override
        public Optional<Mail> retrieve(String key) {
            return database.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT r.*, " + H2Body.COLUMNS + " "
                        + "FROM repository_mail r JOIN message_body b ON b.id = r.body_id "
                        + "WHERE r.repository = ? AND r.mail_key = ?")) {
                    ps.setString(1, url.value());
                    ps.setString(2, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        MailRecord r = MailRecord.read(rs);
                        Mail mail = MailParts.toMail(r, H2Body.of(database, r.bodyId(), rs))
                                .state(rs.getString("state")).build();
                        return Optional.of(mail);
                    }
                }
            });
        }

        @Override
        public boolean remove(String key) {
            return database.inDurableTransaction(c -> removeRow(c, key));
        }
    }
}
