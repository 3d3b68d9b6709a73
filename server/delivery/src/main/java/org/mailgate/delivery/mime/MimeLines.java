package org.mailgate.delivery.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads message content line by line without holding more than one line: a line is the bytes up to and
 * including LF, or at most {@link #MAX_CHUNK} bytes of a longer line (the rest follows in further pieces,
 * which do not start a line). The last piece read can be put back once, so that a part that meets a
 * boundary of an enclosing multipart can leave that line to it.
 */
final class MimeLines {

    /** The longest piece of a line held at once; MIME boundary lines are far shorter. */
    static final int MAX_CHUNK = 8192;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean eof;

    private final byte[] line = new byte[MAX_CHUNK];
    private int length;
    private boolean lineStart;
    private boolean complete;
    private boolean eightBit;
    private boolean putBack;
    private boolean nextStartsLine = true;

    MimeLines(InputStream in) {
        this.in = in;
    }

    /** Reads the next piece; false at the end of the content. */
    boolean next() throws IOException {
        if (putBack) {
            putBack = false;
            return true;
        }
        length = 0;
        eightBit = false;
        lineStart = nextStartsLine;
        while (length < MAX_CHUNK) {
            if (position == limit && !fill()) {
                break;
            }
            byte b = buffer[position++];
            line[length++] = b;
            eightBit |= b < 0;
            if (b == '\n') {
                nextStartsLine = true;
                complete = true;
                return true;
            }
        }
        // a piece of a longer line, or the last line of the content without a line end
        complete = length < MAX_CHUNK;
        nextStartsLine = complete;
        return length > 0;
    }

    /** Makes the next {@link #next()} return the current piece again. */
    void putBack() {
        putBack = true;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        position = 0;
        limit = Math.max(n, 0);
        eof = n < 0;
        return !eof;
    }

    /** The current piece's bytes (valid up to {@link #length()}). */
    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** Whether the current piece starts a line. */
    boolean startsLine() {
        return lineStart;
    }

    /** Whether the current piece is a whole line: starts one and ends with LF or the end of the content. */
    boolean isWholeLine() {
        return lineStart && complete;
    }

    /** Whether the current piece holds a byte above 127. */
    boolean isEightBit() {
        return eightBit;
    }

    /** Whether the current piece is an empty line (CRLF or LF alone). */
    boolean isEmptyLine() {
        return lineStart && (length == 1 && line[0] == '\n' || length == 2 && line[0] == '\r' && line[1] == '\n');
    }

    /** The length of the line end (CRLF 2, LF 1, none 0) at the end of the current piece. */
    int lineEndLength() {
        if (length > 0 && line[length - 1] == '\n') {
            return length > 1 && line[length - 2] == '\r' ? 2 : 1;
        }
        return 0;
    }

    void copyTo(OutputStream out) throws IOException {
        out.write(line, 0, length);
    }
}
