package org.mailgate.api.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Splits a raw message at the empty line that ends its header section. */
public final class HeaderSection {

    private HeaderSection() {
    }

    /**
     * Reads from {@code in} up to and including the first empty line (CRLF, or a lone LF in messages
     * built in code), leaving {@code in} positioned at the first byte of the body. Reads single bytes:
     * pass a buffered stream.
     *
     * @throws HeaderSectionTooLargeException when no empty line comes within {@code maxBytes}
     */
    public static byte[] read(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        boolean atLineStart = true;
        boolean crAtLineStart = false;
        int b;
        while ((b = in.read()) >= 0) {
            if (out.size() >= maxBytes) {
                throw new HeaderSectionTooLargeException(maxBytes);
            }
            out.write(b);
            if (b == '\n') {
                if (atLineStart || crAtLineStart) {
                    break;
                }
                atLineStart = true;
                crAtLineStart = false;
            } else if (b == '\r' && atLineStart) {
                crAtLineStart = true;
                atLineStart = false;
            } else {
                atLineStart = false;
                crAtLineStart = false;
            }
        }
        return out.toByteArray();
    }

    /** Thrown when a message has no end of header section within the allowed size. */
    public static final class HeaderSectionTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public HeaderSectionTooLargeException(int maxBytes) {
            super("header section longer than " + maxBytes + " bytes");
        }
    }
}
