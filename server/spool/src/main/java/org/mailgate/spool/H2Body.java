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
 * A message body stored in {@code message_body}. Each stream borrows a session for as long as it is
 * open, so reading never depends on another transaction's state.
 */
record H2Body(Database database, long id, long size) implements BodySource {

    @Override
    public InputStream open(long offset) throws IOException {
        if (offset >= size) {
            return InputStream.nullInputStream();
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
                            } finally {
                                database.giveBack(c);
                            }
                        }
                    }
                };
            }
        } catch (SQLException | IOException | RuntimeException e) {
            database.giveBack(c);
            throw e instanceof IOException io ? io : new IOException("cannot read message body " + id, e);
        }
    }
}
