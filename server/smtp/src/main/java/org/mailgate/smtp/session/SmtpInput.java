package org.mailgate.smtp.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The client's byte stream with its own buffer, so that command lines and DATA content are read from
 * the same bytes without copying. Before it blocks for more input it runs {@code beforeBlocking},
 * which flushes pending replies (that is what makes PIPELINING answer a whole batch with one write) and
 * sets the read timeout that applies now.
 */
final class SmtpInput {

    private final InputStream in;
    private final BeforeBlocking beforeBlocking;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    /** Runs before each read that may block; it may refuse to wait any longer by throwing. */
    @FunctionalInterface
    interface BeforeBlocking {
        void run() throws IOException;
    }

    SmtpInput(InputStream in, BeforeBlocking beforeBlocking) {
        this.in = in;
        this.beforeBlocking = beforeBlocking;
    }

    /** Result of reading a command line. */
    sealed interface Line {
        /** A complete line, without its line end. */
        record Text(String text) implements Line {
        }

        /** A line longer than allowed; it was read to its end and dropped. */
        record TooLong() implements Line {
        }

        /** The client closed the connection. */
        record End() implements Line {
        }
    }

    /**
     * Reads one command line ended by CRLF (or a lone LF, which clients typed by hand send); at most
     * {@code maxLength} bytes count, the rest of a longer line is discarded.
     */
    Line readLine(int maxLength) throws IOException {
        StringBuilder line = new StringBuilder(64);
        boolean tooLong = false;
        while (true) {
            int b = read();
            if (b < 0) {
                return new Line.End();
            }
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return tooLong ? new Line.TooLong() : new Line.Text(line.toString());
            }
            if (line.length() < maxLength + 1) {
                line.append((char) b);
            } else {
                tooLong = true;
            }
        }
    }

    /** One byte, or -1 at the end of input. */
    int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    /**
     * Copies, from what is already received, the bytes before the next CR or LF, at most {@code max};
     * never blocks. Returns how many were copied (0 when the next byte is a line end or nothing is
     * buffered).
     */
    int copyRun(byte[] out, int offset, int max) {
        int end = Math.min(limit, position + max);
        int i = position;
        while (i < end) {
            byte b = buffer[i];
            if (b == '\r' || b == '\n') {
                break;
            }
            i++;
        }
        int n = i - position;
        System.arraycopy(buffer, position, out, offset, n);
        position = i;
        return n;
    }

    /** True when the client already sent more than we have read (it pipelined). */
    boolean hasBufferedInput() {
        return position < limit;
    }

    /** Bytes already received but not yet read, discarded. */
    int discardBuffered() {
        int dropped = limit - position;
        position = limit;
        return dropped;
    }

    private boolean fill() throws IOException {
        beforeBlocking.run();
        return awaitInput();
    }

    /**
     * True when input is buffered, or once some arrives; false at the end of input. Waits under the
     * socket's current timeout, without the before-blocking step: for the wait before the greeting.
     */
    boolean awaitInput() throws IOException {
        if (position < limit) {
            return true;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
