package org.mailgate.spool;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.mailgate.api.mail.BodySource;

/**
 * A message body stored in {@code message_body}. A small one came with its row ({@code inline}); a
 * large one is read from its BLOB, each stream borrowing a session for as long as it is open, so
 * reading never depends on another transaction's state.
 */
record H2Body(Database database, long id, long size, byte[] inline) implements BodySource {

    /** The columns to select, joined as {@code b}, to build an H2Body with {@link #of}. */
    static final String COLUMNS = "b.inline_content AS body_inline, "
            + "COALESCE(OCTET_LENGTH(b.inline_content), OCTET_LENGTH(b.content)) AS body_size";

    static H2Body of(Database database, long id, java.sql.ResultSet rs) throws SQLException {
        return new H2Body(database, id, rs.getLong("body_size"), rs.getBytes("body_inline"));
    }

    @Override
    public InputStream open(long offset) throws IOException {
        if (offset >= size) {
            return InputStream.nullInputStream();
        }
        if (inline != null) {
            return new java.io.ByteArrayInputStream(inline, (int) offset, inline.length - (int) offset);
        }
        Connection c;
        try {
            c = database.borrow();
        } catch (SQLException e) {
            throw new IOException("cannot read message body " + id + ": " + e.getMessage(), e);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT content FROM message_body WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IOException("message body " + id + " is no longer stored");
                }
                Blob blob = rs.getBlob(1);
                InputStream in = offset == 0 ? blob.getBinaryStream() : blob.getBinaryStream(offset + 1, size - offset);
                return new FilterInputStream(in) {
                    private boolean closed;

                    @Override
                    public void close() throws IOException {
                        if (!closed) {
                            closed = true;
                            try {
                                super.close();
                                c.commit();
                                database.giveBack(c);
                            } catch (SQLException | IOException | RuntimeException e) {
                                database.discard(c);
                                if (e instanceof IOException io) {
                                    throw io;
                                }
                                throw new IOException("cannot finish reading message body " + id, e);
                            }
                        }
                    }
                };
            }
        } catch (SQLException | IOException | RuntimeException e) {
            database.discard(c);
            throw e instanceof IOException io ? io : new IOException("cannot read message body " + id, e);
        }
    }
}
