package org.mailgate.delivery.mime;

import java.io.IOException;
import java.io.InputStream;
import org.mailgate.api.mail.MessageParts;

/** Whether a message holds bytes above 127 (RFC 6152's 8-bit data), found by reading its body once. */
public final class EightBitData {

    private EightBitData() {
    }

    /** True if the header section or the body of {@code message} holds a byte above 127. */
    public static boolean in(MessageParts message) throws IOException {
        if (in(message.headerSection(), message.headerSection().length)) {
            return true;
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = message.body().open(0)) {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                if (in(buffer, n)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean in(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return true;
            }
        }
        return false;
    }
}
