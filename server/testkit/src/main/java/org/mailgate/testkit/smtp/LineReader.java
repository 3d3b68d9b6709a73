package org.mailgate.testkit.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Buffered reader of LF-terminated byte lines, shared by the sink and the dialogue.
 *
 * <p>Not thread-safe: one reader belongs to one connection's thread. Before it blocks on the socket
 * (its buffer is empty) it runs a hook, which the sink uses to flush pending replies: replies to a
 * pipelined batch of commands thus go out in one write, once the batch is consumed.
 */
final class LineReader {

    /** Outcome of {@link #readLine}. */
    enum Result {
        /** A whole line, ending with LF, is in the buffer. */
        LINE,
        /** The line was longer than allowed; it was consumed up to its LF and discarded. */
        TOO_LONG,
        /** Only for {@link #readSegment}: the segment is full and the line goes on in the next segment. */
        PARTIAL,
        /** The stream ended before a complete line; any partial line is discarded. */
        EOF
    }

    /** Something to do before blocking on a read. */
    @FunctionalInterface
    interface BeforeBlocking {
        void run() throws IOException;
    }

    private final InputStream in;
    private final BeforeBlocking beforeBlocking;
    private final byte[] buffer;
    private int position;
    private int limit;

    LineReader(InputStream in, int bufferSize, BeforeBlocking beforeBlocking) {
        this.in = in;
        this.beforeBlocking = beforeBlocking;
        this.buffer = new byte[bufferSize];
    }

    /**
     * Reads the next line, including its terminating LF (and the CR before it, if any), into {@code line}.
     *
     * @param maxLength the longest line accepted, terminator included
     */
    Result readLine(Line line, int maxLength) throws IOException {
        return read(line, maxLength, false);
    }

    /**
     * Reads the next segment of a line: up to and including the next LF, or {@code maxLength} bytes if the
     * line is longer (result {@link Result#PARTIAL}; the next call continues the same line). Lets message
     * content of any line length stream through without buffering whole lines.
     */
    Result readSegment(Line line, int maxLength) throws IOException {
        return read(line, maxLength, true);
    }

    private Result read(Line line, int maxLength, boolean split) throws IOException {
        line.clear();
        boolean tooLong = false;
        while (true) {
            if (position == limit && !fill()) {
                return Result.EOF;
            }
            int end = indexOfLf(position, limit);
            int chunkEnd = end < 0 ? limit : end + 1;
            if (split) {
                chunkEnd = Math.min(chunkEnd, position + (maxLength - line.length()));
                line.append(buffer, position, chunkEnd - position);
                position = chunkEnd;
                if (buffer[chunkEnd - 1] == '\n') {
                    return Result.LINE;
                }
                if (line.length() == maxLength) {
                    return Result.PARTIAL;
                }
                continue;
            }
            int chunk = chunkEnd - position;
            if (!tooLong) {
                if (line.length() + chunk > maxLength) {
                    tooLong = true;
                    line.clear();
                } else {
                    line.append(buffer, position, chunk);
                }
            }
            position = chunkEnd;
            if (end >= 0) {
                return tooLong ? Result.TOO_LONG : Result.LINE;
            }
        }
    }

    private int indexOfLf(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        beforeBlocking.run();
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** A growable, reusable byte line. */
    static final class Line {
        private byte[] bytes = new byte[256];
        private int length;

        void clear() {
            length = 0;
        }

        void append(byte[] source, int offset, int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
            }
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        /** The backing array; valid up to {@link #length()}. */
        byte[] bytes() {
            return bytes;
        }

        int length() {
            return length;
        }

        byte byteAt(int index) {
            return bytes[index];
        }

        /** True if the line ends with CR LF. */
        boolean endsWithCrlf() {
            return length >= 2 && bytes[length - 2] == '\r' && bytes[length - 1] == '\n';
        }

        /** True if the line is exactly {@code ".\r\n"}. */
        boolean isDotCrlf() {
            return length == 3 && bytes[0] == '.' && bytes[1] == '\r' && bytes[2] == '\n';
        }

        /** The line as UTF-8 text without its terminator (LF, or CR LF). */
        String text() {
            int end = length;
            if (end > 0 && bytes[end - 1] == '\n') {
                end--;
            }
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        }
    }
}
