package org.mailgate.api.mail;

import jakarta.mail.internet.SharedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A {@link SharedInputStream} over a {@link BodySource}: Jakarta Mail parses multiparts by asking for
 * sub-streams, and each one opens the source at its own offset, so no part is ever copied to memory.
 */
final class BodyStream extends InputStream implements SharedInputStream {

    private final BodySource source;
    private final long start;
    private final long end;
    private long position;
    private long mark;
    private InputStream open;

    BodyStream(BodySource source, long start, long end) {
        this.source = source;
        this.start = start;
        this.end = end;
    }

    private InputStream stream() throws IOException {
        if (open == null) {
            open = source.open(start + position);
        }
        return open;
    }

    @Override
    public int read() throws IOException {
        if (start + position >= end) {
            return -1;
        }
        int b = stream().read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long remaining = end - start - position;
        if (remaining <= 0) {
            return length == 0 ? 0 : -1;
        }
        int n = stream().read(buffer, offset, (int) Math.min(length, remaining));
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skip = Math.max(0, Math.min(n, end - start - position));
        closeOpen();
        position += skip;
        return skip;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - start - position);
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public void mark(int readLimit) {
        mark = position;
    }

    @Override
    public void reset() throws IOException {
        closeOpen();
        position = mark;
    }

    @Override
    public long getPosition() {
        return position;
    }

    @Override
    public InputStream newStream(long from, long to) {
        long absoluteEnd = to < 0 ? end : Math.min(end, start + to);
        return new BodyStream(source, start + from, absoluteEnd);
    }

    private void closeOpen() throws IOException {
        if (open != null) {
            open.close();
            open = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeOpen();
    }
}
