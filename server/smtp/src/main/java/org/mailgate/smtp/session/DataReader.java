package org.mailgate.smtp.session;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The content of DATA as a stream: dot-unstuffed, ending at the first CRLF "." CRLF, and checked on
 * the way. A bare CR or LF never ends the data (no SMTP smuggling): only CRLF.CRLF does. A bare line
 * end, an over-long line, an over-large header section or message, or too many header fields is a
 * violation: from then on the stream refuses to give content (the store aborts), but {@link #drain()}
 * still reads to the real end, so the client gets its reply at the right moment.
 */
public final class DataReader extends InputStream {

    /** RFC 5321 4.5.3.1.6: 1000 octets with CRLF. */
    static final int MAX_LINE = 998;

    private enum State { LINE_START, IN_LINE, CR, DOT, DOT_CR, END }

    private final SmtpInput input;
    private final long maxSize;
    private final long maxHeaderSize;
    private final int maxHeaderCount;
    private int headerCount;
    private State state = State.LINE_START;
    private int lineLength;
    private long size;
    private boolean inHeaders = true;
    private boolean pendingLf;
    private Reply violation;
    private boolean clientGone;

    /**
     * @param maxSize        largest content accepted, 0 for no limit
     * @param maxHeaderSize  largest header section accepted, 0 for no limit
     * @param maxHeaderCount most header fields accepted (continuation lines are part of their field), 0 for
     *                       no limit
     */
    DataReader(SmtpInput input, long maxSize, long maxHeaderSize, int maxHeaderCount) {
        this.input = input;
        this.maxSize = maxSize;
        this.maxHeaderSize = maxHeaderSize;
        this.maxHeaderCount = maxHeaderCount;
    }

    /** The reply for the first violation found, if any. */
    public Optional<Reply> violation() {
        return Optional.ofNullable(violation);
    }

    public boolean atEnd() {
        return state == State.END;
    }

    public long size() {
        return size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = 0;
        while (n < length) {
            if (violation != null) {
                throw new MessageRefusedException(violation);
            }
            if (pendingLf) {
                pendingLf = false;
                out[offset + n++] = '\n';
                continue;
            }
            if (state == State.END) {
                break;
            }
            if (state == State.IN_LINE) {
                // The common case: copy the rest of the line as it is, in one go.
                int copied = input.copyRun(out, offset + n, Math.min(length - n, MAX_LINE + 1 - lineLength));
                if (copied > 0) {
                    lineLength += copied;
                    if (lineLength > MAX_LINE) {
                        violate(Replies.DATA_LINE_TOO_LONG);
                        continue;
                    }
                    count(copied);
                    n += copied;
                    continue;
                }
            }
            if (n > 0 && !input.hasBufferedInput()) {
                break;
            }
            int b = clientByte();
            int produced = step(b, out, offset + n);
            n += produced;
        }
        if (n == 0 && state == State.END) {
            return -1;
        }
        return n;
    }

    /** True when the client's connection failed or closed before the end of the data. */
    public boolean clientGone() {
        return clientGone;
    }

    private int clientByte() throws IOException {
        int b;
        try {
            b = input.read();
        } catch (IOException e) {
            clientGone = true;
            throw e;
        }
        if (b < 0) {
            clientGone = true;
            throw new java.io.EOFException("connection closed during DATA");
        }
        return b;
    }

    /** Advances the state machine by one input byte; returns the number of bytes written to out. */
    private int step(int b, byte[] out, int at) {
        switch (state) {
            case LINE_START -> {
                if (b == '.') {
                    state = State.DOT;
                    return 0;
                }
                countHeaderField(b);
                return inLine(b, out, at);
            }
            case IN_LINE -> {
                return inLine(b, out, at);
            }
            case CR -> {
                if (b == '\n') {
                    boolean emptyLine = lineLength == 0;
                    lineLength = 0;
                    state = State.LINE_START;
                    if (emptyLine && inHeaders) {
                        inHeaders = false;
                    }
                    out[at] = '\r';
                    pendingLf = true;
                    count(2);
                    return 1;
                }
                violate(Replies.BARE_LINE_END);
                state = b == '\r' ? State.CR : State.IN_LINE;
                return 0;
            }
            case DOT -> {
                if (b == '\r') {
                    state = State.DOT_CR;
                    return 0;
                }
                // A stuffed dot: the first one is dropped, the rest of the line is content.
                countHeaderField(b);
                return inLine(b, out, at);
            }
            case DOT_CR -> {
                if (b == '\n') {
                    state = State.END;
                    return 0;
                }
                violate(Replies.BARE_LINE_END);
                state = b == '\r' ? State.CR : State.IN_LINE;
                return 0;
            }
            default -> throw new IllegalStateException("read past the end of DATA");
        }
    }

    /** A header line that does not start with white space (or end the section) starts a new field. */
    private void countHeaderField(int first) {
        if (inHeaders && first != ' ' && first != '\t' && first != '\r' && first != '\n'
                && maxHeaderCount > 0 && ++headerCount > maxHeaderCount) {
            violate(Replies.TOO_MANY_HEADERS);
        }
    }

    private int inLine(int b, byte[] out, int at) {
        if (b == '\r') {
            state = State.CR;
            return 0;
        }
        state = State.IN_LINE;
        if (b == '\n') {
            violate(Replies.BARE_LINE_END);
            return 0;
        }
        if (++lineLength > MAX_LINE) {
            violate(Replies.DATA_LINE_TOO_LONG);
            return 0;
        }
        out[at] = (byte) b;
        return count(1);
    }

    /** Accounts for content bytes (the LF of a CRLF included when its CR is written). */
    private int count(int bytes) {
        size += bytes;
        if (maxSize > 0 && size > maxSize) {
            violate(Replies.MESSAGE_TOO_BIG);
        } else if (inHeaders && maxHeaderSize > 0 && size > maxHeaderSize) {
            violate(Replies.HEADERS_TOO_BIG);
        }
        return bytes;
    }

    private void violate(Reply reply) {
        if (violation == null) {
            violation = reply;
        }
    }

    /** Reads and drops the rest of the content, up to and including CRLF.CRLF. */
    public void drain() throws IOException {
        byte[] scratch = new byte[8192];
        pendingLf = false;
        while (state != State.END) {
            step(clientByte(), scratch, 0);
            pendingLf = false;
        }
    }

    /** Thrown to the store when the content breaks a rule; carries the reply for the client. */
    static final class MessageRefusedException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Reply reply;

        MessageRefusedException(Reply reply) {
            super("message refused: " + reply);
            this.reply = reply;
        }

        Reply reply() {
            return reply;
        }
    }
}
