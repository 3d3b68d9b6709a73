package org.mailgate.delivery.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.BitSet;
import org.mailgate.api.mail.MessageParts;

/**
 * A message with 8-bit data made fit for a server that does not offer 8BITMIME (RFC 6152 3), as Postfix
 * does it: every 8-bit text part is re-encoded as quoted-printable and every other 8-bit part as base64,
 * the multiparts and messages around them relabelled 7bit, and every other byte left as it was, so the
 * MIME structure stays valid and 7-bit parts are untouched. The body is read as a stream twice (a survey
 * when the conversion is {@linkplain #of planned}, then again when it is {@linkplain #writeTo written}),
 * never held in memory whole.
 *
 * <p>A message whose 8-bit data MIME cannot re-encode is refused with the reason: 8-bit data in a header
 * field (of the message or of a part), in a preamble or epilogue, in a part that declares base64 or
 * quoted-printable already, or in a message that is not MIME at all (no MIME-Version header field).
 */
public final class SevenBitConversion {

    private final MessageParts message;
    private final BitSet eightBitParts;

    private SevenBitConversion(MessageParts message, BitSet eightBitParts) {
        this.message = message;
        this.eightBitParts = eightBitParts;
    }

    /**
     * Surveys {@code message} and plans its conversion.
     *
     * @throws NotConvertibleException naming where the 8-bit data is that cannot be re-encoded
     * @throws IOException if the body cannot be read
     */
    public static SevenBitConversion of(MessageParts message) throws IOException, NotConvertibleException {
        try (InputStream body = message.body().open(0)) {
            return new SevenBitConversion(message, MimeWalk.survey(message.headerSection(), body));
        }
    }

    /** Writes the converted message: 7-bit only, with line ends as CRLF in the re-encoded parts. */
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream body = message.body().open(0)) {
            MimeWalk.convert(message.headerSection(), body, eightBitParts, out);
        }
    }
}
