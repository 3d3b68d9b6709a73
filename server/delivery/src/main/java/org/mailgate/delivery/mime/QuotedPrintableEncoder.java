package org.mailgate.delivery.mime;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes text as quoted-printable (RFC 2045 6.7) on its way to {@code out}: line ends (CRLF, or a lone
 * LF) stay hard line breaks written as CRLF; bytes above 126, control bytes, {@code =} and white space at
 * the end of a line are written as {@code =XX}; lines are broken with soft breaks before they pass 76
 * characters. {@link #finish()} ends the last line without adding a line break and flushes what is
 * buffered.
 */
final class QuotedPrintableEncoder extends OutputStream {

    /** The most characters before a soft line break's {@code =}, so that no line passes 76. */
    private static final int MAX_COLUMN = 75;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buffer = new byte[8192];
    private int buffered;
    private int column;
    private int pendingWhiteSpace = -1;
    private boolean pendingCarriageReturn;

    QuotedPrintableEncoder(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int value) throws IOException {
        int b = value & 0xFF;
        if (pendingCarriageReturn) {
            pendingCarriageReturn = false;
            if (b == '\n') {
                hardBreak();
                return;
            }
            flushWhiteSpace();
            encoded('\r');
        }
        switch (b) {
            case '\r' -> pendingCarriageReturn = true;
            case '\n' -> hardBreak();
            case ' ', '\t' -> {
                flushWhiteSpace();
                pendingWhiteSpace = b;
            }
            default -> {
                flushWhiteSpace();
                if (b >= 33 && b <= 126 && b != '=') {
                    literal(b);
                } else {
                    encoded(b);
                }
            }
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** Ends the encoded text: white space or a CR left at its very end is encoded. */
    void finish() throws IOException {
        if (pendingWhiteSpace >= 0) {
            encoded(pendingWhiteSpace);
            pendingWhiteSpace = -1;
        }
        if (pendingCarriageReturn) {
            pendingCarriageReturn = false;
            encoded('\r');
        }
        flushBuffer();
    }

    private void flushBuffer() throws IOException {
        out.write(buffer, 0, buffered);
        buffered = 0;
    }

    private void put(int b) throws IOException {
        if (buffered == buffer.length) {
            flushBuffer();
        }
        buffer[buffered++] = (byte) b;
    }

    private void hardBreak() throws IOException {
        if (pendingWhiteSpace >= 0) {
            encoded(pendingWhiteSpace);
            pendingWhiteSpace = -1;
        }
        put('\r');
        put('\n');
        column = 0;
    }

    /** White space followed by something else than a line end is written as it is. */
    private void flushWhiteSpace() throws IOException {
        if (pendingWhiteSpace >= 0) {
            literal(pendingWhiteSpace);
            pendingWhiteSpace = -1;
        }
    }

    private void literal(int b) throws IOException {
        room(1);
        put(b);
        column++;
    }

    private void encoded(int b) throws IOException {
        room(3);
        put('=');
        put(HEX[b >> 4]);
        put(HEX[b & 0x0F]);
        column += 3;
    }

    private void room(int width) throws IOException {
        if (column + width > MAX_COLUMN) {
            put('=');
            put('\r');
            put('\n');
            column = 0;
        }
    }
}
