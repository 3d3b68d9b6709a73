package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Header names and values as the header-editing mailets need them: names checked once at
 * configuration, values read as text (RFC 2047 decoded) and written back as valid header lines
 * (RFC 2047 encoded when not ASCII, folded, never containing a line break).
 */
final class HeaderValues {

    /** RFC 5322 field-name: printable US-ASCII except colon. */
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\r\n]+");

    private HeaderValues() {
    }

    /** @throws MessagingException naming the parameter when {@code name} is not a header field name */
    static String checkedName(String parameter, String name) throws MessagingException {
        if (!FIELD_NAME.matcher(name).matches()) {
            throw new MessagingException("parameter " + parameter + ": '" + name
                    + "' is not a header name (printable ASCII without spaces or colons)");
        }
        return name;
    }

    /** @throws MessagingException naming the parameter when the value holds a line break */
    static String checkedValue(String parameter, String value) throws MessagingException {
        if (LINE_BREAKS.matcher(value).find()) {
            throw new MessagingException("parameter " + parameter + " must be one line");
        }
        return value;
    }

    /**
     * The header's text: unfolded, raw 8-bit UTF-8 recognised (headers are parsed as ISO-8859-1),
     * encoded words decoded. An encoded word in a charset this JVM lacks is kept as written.
     */
    static Optional<String> text(MimeMessage message, String name) throws MessagingException {
        String raw = message.getHeader(name, null);
        if (raw == null) {
            return Optional.empty();
        }
        String unfolded = utf8IfValid(MimeUtility.unfold(raw));
        try {
            return Optional.of(MimeUtility.decodeText(unfolded));
        } catch (UnsupportedEncodingException e) {
            return Optional.of(unfolded);
        }
    }

    /**
     * A header value ready for {@code setHeader}/{@code addHeader}: line breaks become spaces,
     * non-ASCII text is RFC 2047 encoded in UTF-8, and long values are folded.
     */
    static String encoded(String name, String value) throws MessagingException {
        return encoded(name, value, StandardCharsets.UTF_8);
    }

    /** As {@link #encoded(String, String)}, in {@code charset} when it can carry the text, else UTF-8. */
    static String encoded(String name, String value, Charset charset) throws MessagingException {
        String oneLine = LINE_BREAKS.matcher(value).replaceAll(" ");
        Charset target = charset.newEncoder().canEncode(oneLine) ? charset : StandardCharsets.UTF_8;
        try {
            return MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(oneLine, target.name(), null));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException(target.name() + " is not available", e);
        }
    }

    private static String utf8IfValid(String latin1) {
        boolean ascii = latin1.chars().allMatch(c -> c < 0x80);
        if (ascii) {
            return latin1;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }
}
