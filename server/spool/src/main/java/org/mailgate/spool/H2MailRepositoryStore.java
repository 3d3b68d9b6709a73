package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.mailet.Mail;
import org.mailgate.api.BatchProgress;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.repository.MailRepository;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.api.repository.StoredMailSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail repositories in H2, all in one table keyed by repository URL and mail key (the mail's name). A
 * stored mail holds one reference on its body in {@code message_body}: storing a mail under
 * processing shares its body, removing it drops the reference. Changes join the open spool unit, if
 * any; otherwise each is a transaction of its own that is on disk before the call returns.
 */
@Singleton
public final class H2MailRepositoryStore implements MailRepositoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(H2MailRepositoryStore.class);

    private static final String LIST = "SELECT r.mail_key, r.name, r.sender, r.recipients, r.state, r.error_message, "
            + "r.created_at, OCTET_LENGTH(r.headers) + COALESCE(OCTET_LENGTH(b.inline_content), OCTET_LENGTH(b.content)) "
            + "FROM repository_mail r JOIN message_body b ON b.id = r.body_id "
            + "WHERE r.repository = ? ORDER BY r.id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";

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

    private static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative (were " + offset + ", " + limit + ")");
        }
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

        /**
         * Stores under the mail's name; a mail stored again under the same name replaces the old one. A
         * mail without a state is stored in {@code root}.
         */
        @Override
        public String store(Mail mail) throws MessagingException {
            MessageParts parts = MailParts.of(mail);
            String key = mail.getName();
            String state = Objects.requireNonNullElse(mail.getState(), Mail.DEFAULT);
            try {
                QueueId id = transactions.run(c -> {
                    QueueId queueId = transactions.queueIdFor(c);
                    long bodyId = transactions.referenceBody(c, parts.body());
                    RepositoryRows.store(c, url, key, MailParts.record(mail, queueId, parts.headerSection(), bodyId,
                            clock), state);
                    return queueId;
                }, done -> { });
                if (MailAudit.enabled()) {
                    MailAudit.log(MailAudit.label(id, key), "stored in repository {}, key={}", url, key);
                }
                return key;
            } catch (SQLException e) {
                throw new MessagingException("cannot store mail " + key + " in " + url + ": " + e.getMessage(), e);
            }
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
            checkPage(offset, limit);
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

        /** Answered from the rows alone: no message is read. */
        @Override
        public List<StoredMailSummary> list(int offset, int limit) {
            checkPage(offset, limit);
            return database.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(LIST)) {
                    ps.setString(1, url.value());
                    ps.setInt(2, offset);
                    ps.setInt(3, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        List<StoredMailSummary> summaries = new ArrayList<>();
                        while (rs.next()) {
                            summaries.add(new StoredMailSummary(rs.getString(1), rs.getString(2),
                                    MailRecord.sender(rs.getString(3)), MailRecord.recipients(rs.getString(4)),
                                    rs.getString(5), Optional.ofNullable(rs.getString(6)), rs.getLong(8),
                                    Instant.ofEpochMilli(rs.getLong(7))));
                        }
                        return summaries;
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
            boolean removed = change("remove " + key, c -> {
                Optional<RepositoryRows.Row> row = RepositoryRows.lock(c, url, key);
                return row.isPresent() && RepositoryRows.remove(c, row.get());
            });
            if (removed) {
                LOG.info("removed {} from repository {}", key, url);
            }
            return removed;
        }

        /** Removes the mails stored when the call began, {@value RepositoryRows#BATCH} per transaction. */
        @Override
        public BatchProgress.Counts removeAll(BatchProgress progress) {
            BatchProgress.Counts[] counts = {BatchProgress.Counts.NONE};
            long removed;
            try {
                removed = RepositoryRows.inBatches(transactions, url, (c, rows) -> {
                    long count = 0;
                    for (RepositoryRows.Row row : rows) {
                        if (RepositoryRows.remove(c, row)) {
                            count++;
                        }
                    }
                    return count;
                }, count -> {
                    counts[0] = counts[0].plus(count, 0);
                    return progress.proceed(counts[0]);
                }).stream().mapToLong(Long::longValue).sum();
            } catch (SQLException e) {
                throw new StoreException("cannot remove all in repository " + url + ": " + e.getMessage(), e);
            }
            LOG.info("removed {} mails from repository {}", removed, url);
            return new BatchProgress.Counts(removed, 0);
        }

        private <T> T change(String what, Database.SqlWork<T> work) {
            try {
                return transactions.run(work, done -> { });
            } catch (SQLException e) {
                throw new StoreException("cannot " + what + " in repository " + url + ": " + e.getMessage(), e);
            }
        }
    }
}
