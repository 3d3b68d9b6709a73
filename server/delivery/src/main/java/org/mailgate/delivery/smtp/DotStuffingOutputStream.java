package org.mailgate.delivery.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes message content as DATA needs it: a dot at the start of a line is doubled (RFC 5321 4.5.2),
 * and {@link #finish()} ends the content with CRLF "." CRLF (adding the last line end if missing).
 */
final class DotStuffingOutputStream extends FilterOutputStream {

    private boolean atLineStart = true;
    private int previous = -1;

    DotStuffingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (atLineStart && b == '.') {
            out.write('.');
        }
        out.write(b);
        atLineStart = b == '\n';
        previous = b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (atLineStart && b == '.') {
                out.write(bytes, start, i - start);
                out.write('.');
                start = i;
            }
            atLineStart = b == '\n';
        }
        out.write(bytes, start, end - start);
        if (length > 0) {
            previous = bytes[end - 1];
        }
    }

    /** Ends the content: the last line end if it is missing, then the terminating dot line. */
    void finish() throws IOException {
        if (previous != '\n') {
            out.write('\r');
            out.write('\n');
        }
        out.write(new byte[] {'.', '\r', '\n'});
        out.flush();
    }
}
