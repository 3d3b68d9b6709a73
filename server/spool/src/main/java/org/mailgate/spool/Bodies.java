package org.mailgate.spool;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.mailgate.api.mail.BodySource;

/** Message bodies: stored once, shared by reference count, deleted when the last holder lets go. */
final class Bodies {

    private Bodies() {
    }

    /** Bodies up to this size are stored in their row; larger ones as a streamed BLOB. */
    static final int INLINE_MAX = 64 * 1024;

    /** A new body read from {@code content} to its end. */
    static H2Body insert(Database database, Connection c, InputStream content) throws SQLException {
        byte[] start;
        try {
            start = content.readNBytes(INLINE_MAX + 1);
        } catch (IOException e) {
            throw new SQLException("cannot read message: " + e.getMessage(), e);
        }
        if (start.length <= INLINE_MAX) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO message_body(refs, inline_content) VALUES (1, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setBytes(1, start);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new H2Body(database, keys.getLong(1), start.length, start);
                }
            }
        }
        CountingInputStream counted = new CountingInputStream(
                new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(start), content));
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO message_body(refs, content) VALUES (1, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setBinaryStream(1, counted);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new H2Body(database, keys.getLong(1), counted.count(), null);
            }
        }
    }

    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }

    /**
     * The id of a body holding {@code source}: the same row, one more reference, when the source is a
     * body of this store; otherwise a new row with a copy.
     */
    static long reference(Database database, Connection c, BodySource source) throws SQLException {
        if (source instanceof H2Body body && body.database() == database) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE message_body SET refs = refs + 1 WHERE id = ?")) {
                ps.setLong(1, body.id());
                if (ps.executeUpdate() == 1) {
                    return body.id();
                }
            }
            throw new SQLException("message body " + body.id() + " is no longer stored");
        }
        try (InputStream in = source.open(0)) {
            return insert(database, c, in).id();
        } catch (IOException e) {
            throw new SQLException("cannot copy message body: " + e.getMessage(), e);
        }
    }

    /** Drops one reference; the body goes with its last one (usually the only one: one statement). */
    static void release(Connection c, long bodyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM message_body WHERE id = ? AND refs <= 1")) {
            ps.setLong(1, bodyId);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE message_body SET refs = refs - 1 WHERE id = ?")) {
            ps.setLong(1, bodyId);
            ps.executeUpdate();
        }
    }
}
