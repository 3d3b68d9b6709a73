package org.mailgate.spool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.mailgate.api.repository.MailRepositoryUrl;

/**
 * Rows of {@code repository_mail}, taken for a change: each row is locked as it is read, and a row is
 * gone only if this transaction deleted it, so two operators (or an operator and a mailet) working on
 * the same mail cannot both take it, and a body reference is never dropped twice.
 */
final class RepositoryRows {

    /** Rows changed per transaction by the operations on a whole repository. */
    static final int BATCH = 100;

    private static final String SELECT = "SELECT * FROM repository_mail WHERE repository = ? ";
    private static final String INSERT = "INSERT INTO repository_mail(repository, mail_key, " + MailRecord.COLUMNS
            + ", state) VALUES (?, ?, " + MailRecord.PLACEHOLDERS + ", ?)";

    private RepositoryRows() {
    }

    /** A stored mail: its row id, its key, its columns and the state it was stored in. */
    record Row(long id, String key, MailRecord record, String state) {
    }

    /** What one transaction of an operation on a whole repository does with the rows it took. */
    @FunctionalInterface
    interface BatchWork<T> {
        T change(Connection c, List<Row> rows) throws SQLException;
    }

    /** The rows one transaction took, and what the work made of them. */
    private record Batch<T>(int taken, T result) {
    }

    /**
     * Runs {@code work} on the rows of {@code url} stored when the call began, oldest first, {@value #BATCH}
     * locked rows per transaction (joining the open spool unit, if any); mail stored meanwhile is left
     * alone. {@code afterCommit} is given each transaction's result once it is committed, and answers whether
     * to go on.
     *
     * @return the result of each transaction, in order
     */
    static <T> List<T> inBatches(Transactions transactions, MailRepositoryUrl url, BatchWork<T> work,
                                 Predicate<T> afterCommit) throws SQLException {
        long lastId = transactions.read(c -> lastId(c, url));
        List<T> results = new ArrayList<>();
        boolean[] goOn = {true};
        Batch<T> batch;
        do {
            batch = transactions.run(c -> {
                List<Row> rows = lockOldest(c, url, lastId, BATCH);
                return new Batch<>(rows.size(), work.change(c, rows));
            }, done -> goOn[0] = afterCommit.test(done.result()));
            results.add(batch.result());
        } while (batch.taken() == BATCH && goOn[0]);
        return results;
    }

    /**
     * Stores {@code record} under {@code key} in {@code state}, replacing a mail stored under that key. The
     * new row holds the reference on the record's body that the caller brings.
     */
    static void store(Connection c, MailRepositoryUrl url, String key, MailRecord record, String state)
            throws SQLException {
        Optional<Row> old = lock(c, url, key);
        if (old.isPresent()) {
            remove(c, old.get());
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, url.value());
            ps.setString(2, key);
            record.bind(ps, 3);
            ps.setString(3 + MailRecord.COLUMN_COUNT, state);
            ps.executeUpdate();
        }
    }

    /** The row of {@code key}, locked until the end of the transaction. */
    static Optional<Row> lock(Connection c, MailRepositoryUrl url, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "AND mail_key = ? FOR UPDATE")) {
            ps.setString(1, url.value());
            ps.setString(2, key);
            List<Row> rows = rows(ps);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    /** Up to {@code limit} of the oldest rows with an id up to {@code lastId}, locked. */
    private static List<Row> lockOldest(Connection c, MailRepositoryUrl url, long lastId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "AND id <= ? ORDER BY id FETCH FIRST ? ROWS ONLY FOR UPDATE")) {
            ps.setString(1, url.value());
            ps.setLong(2, lastId);
            ps.setInt(3, limit);
            return rows(ps);
        }
    }

    /** The id of the newest row of the repository; 0 if it is empty. */
    private static long lastId(Connection c, MailRepositoryUrl url) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM repository_mail WHERE repository = ?")) {
            ps.setString(1, url.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Deletes the row, keeping the reference it held on its body: the caller releases it or hands it on.
     * False if the row was already gone.
     */
    static boolean delete(Connection c, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM repository_mail WHERE id = ?")) {
            ps.setLong(1, row.id());
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes the row and drops its body reference. False if the row was already gone. */
    static boolean remove(Connection c, Row row) throws SQLException {
        if (!delete(c, row)) {
            return false;
        }
        Bodies.release(c, row.record().bodyId());
        return true;
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Row(rs.getLong("id"), rs.getString("mail_key"), MailRecord.read(rs), rs.getString("state")));
            }
            return rows;
        }
    }
}
