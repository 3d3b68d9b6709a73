package org.mailgate.smtp.session;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Buffers replies; they go out when the session is about to wait for the client. */
final class ReplyWriter {

    private final OutputStream out;

    ReplyWriter(OutputStream out) {
        this.out = new java.io.BufferedOutputStream(out, 4096);
    }

    void write(Reply reply) throws IOException {
        out.write(reply.render().getBytes(StandardCharsets.US_ASCII));
    }

    void flush() throws IOException {
        out.flush();
    }

    /** For the input's before-blocking hook, which cannot throw. */
    void flushUnchecked() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
