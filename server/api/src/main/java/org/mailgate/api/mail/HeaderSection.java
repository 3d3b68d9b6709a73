package org.mailgate.api.mail;

import java.io.IOException;
import java.io.InputStream;

/** Splits a raw message at the empty line that ends its header section. */
public final class HeaderSection {

    private HeaderSection() {
    }

    /** A message split in two: the header section (empty line included) and a stream of the rest. */
    public record Split(byte[] headers, InputStream body) {
    }

    /**
     * Reads {@code in} in blocks up to the end of the header section and returns it with a stream of the
     * rest (the bytes already read past it, then {@code in}).
     *
     * @throws HeaderSectionTooLargeException when no empty line comes within {@code maxBytes}
     */
    public static Split split(InputStream in, int maxBytes) throws IOException {
        byte[] buffer = new byte[8192];
        int filled = 0;
        int scanned = 0;
        boolean atLineStart = true;
        while (true) {
            for (; scanned < filled; scanned++) {
                byte b = buffer[scanned];
                if (atLineStart && (b == '\n' || (b == '\r' && scanned + 1 < filled && buffer[scanned + 1] == '\n'))) {
                    int end = b == '\n' ? scanned + 1 : scanned + 2;
                    byte[] headers = java.util.Arrays.copyOf(buffer, end);
                    InputStream rest = new java.io.SequenceInputStream(
                            new java.io.ByteArrayInputStream(buffer, end, filled - end), in);
                    return new Split(headers, rest);
                }
                if (b == '\r' && atLineStart && scanned + 1 == filled) {
                    break;
                }
                atLineStart = b == '\n';
            }
            if (filled >= maxBytes) {
                throw new HeaderSectionTooLargeException(maxBytes);
            }
            if (filled == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.min(maxBytes + 2, buffer.length * 2));
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                return new Split(java.util.Arrays.copyOf(buffer, filled), InputStream.nullInputStream());
            }
            filled += n;
        }
    }

    /** Thrown when a message has no end of header section within the allowed size. */
    public static final class HeaderSectionTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public HeaderSectionTooLargeException(int maxBytes) {
            super("header section longer than " + maxBytes + " bytes");
        }
    }
}
