package org.mailgate.mailets;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The text of one {@code text/*} part (or single-part message), read strictly in its declared
 * charset, and written back so that the MIME stays valid and as close to the original as possible:
 * the charset is kept when it can carry the new text (otherwise the part becomes UTF-8), and the
 * transfer encoding is kept when it can carry the new bytes (otherwise quoted-printable).
 *
 * <p>Reading refuses, with {@link Unsafe}, what cannot be rewritten without risk of corrupting it: an
 * unknown charset or transfer encoding, bytes that are not valid in the declared charset (8-bit text
 * without a charset included), content that does not decode.
 */
final class TextBody {

    /** The longest line RFC 5322 allows, without its CRLF. */
    private static final int MAX_LINE = 998;
    private static final Set<String> ENCODINGS = Set.of("7bit", "8bit", "binary", "quoted-printable", "base64");

    /** Why a part cannot safely be rewritten. */
    static final class Unsafe extends Exception {
        private static final long serialVersionUID = 1L;

        Unsafe(String reason) {
            super(reason);
        }
    }

    private final MimePart part;
    private final String text;
    private final String rawContentType;
    private final ContentType contentType;
    private final Charset charset;
    private final String rawEncoding;
    private final String encoding;

    private TextBody(MimePart part, String text, String rawContentType, ContentType contentType, Charset charset,
                     String rawEncoding, String encoding) {
        this.part = part;
        this.text = text;
        this.rawContentType = rawContentType;
        this.contentType = contentType;
        this.charset = charset;
        this.rawEncoding = rawEncoding;
        this.encoding = encoding;
    }

    static TextBody read(MimePart part) throws Unsafe, MessagingException {
        String rawType = part.getHeader("Content-Type", null);
        ContentType type;
        try {
            type = new ContentType(rawType == null ? "text/plain" : MimeUtility.unfold(rawType));
        } catch (ParseException e) {
            throw new Unsafe("unparseable Content-Type " + rawType);
        }
        String rawEncoding = part.getHeader("Content-Transfer-Encoding", null);
        String encoding = rawEncoding == null ? "7bit" : MimeUtility.unfold(rawEncoding).trim().toLowerCase(Locale.ROOT);
        if (!ENCODINGS.contains(encoding)) {
            throw new Unsafe("transfer encoding " + encoding + " is not one Mailgate rewrites");
        }
        String charsetName = type.getParameter("charset");
        Charset charset = charset(charsetName == null ? "us-ascii" : charsetName);
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new Unsafe("content does not decode as " + encoding + ": " + e.getMessage());
        }
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unsafe("content is not valid " + charset.name() + (charsetName == null ? " (no charset declared)" : ""));
        }
        return new TextBody(part, text, rawType, type, charset, rawEncoding, encoding);
    }

    private static Charset charset(String name) throws Unsafe {
        return charsetNamed(name).orElseThrow(() -> new Unsafe("charset " + name + " is unknown"));
    }

    /**
     * The charset a MIME label names: the JDK's own reading of the label first (Jakarta Mail's table
     * maps us-ascii to ISO-8859-1, which would let 8-bit bytes pass as ASCII), then Jakarta Mail's.
     */
    static Optional<Charset> charsetNamed(String label) {
        String name = label.trim();
        for (String candidate : new String[] {name, MimeUtility.javaCharset(name)}) {
            try {
                return Optional.of(Charset.forName(candidate));
            } catch (IllegalArgumentException e) {
                // not a name this JDK knows; try the next reading
            }
        }
        return Optional.empty();
    }

    String text() {
        return text;
    }

    /** The charset the part declares (US-ASCII when it declares none). */
    Charset charset() {
        return charset;
    }

    /**
     * Replaces the part's content with {@code newText}, keeping charset and transfer encoding where they
     * can carry it. The caller saves the message ({@link MessageChanges}).
     */
    void replace(String newText) throws MessagingException {
        replace(newText, charset);
    }

    /**
     * As {@link #replace(String)}, in the {@code preferred} charset when it can carry the text, else in
     * the part's own, else in UTF-8.
     */
    void replace(String newText, Charset preferred) throws MessagingException {
        Charset target = preferred.newEncoder().canEncode(newText) ? preferred
                : charset.newEncoder().canEncode(newText) ? charset : StandardCharsets.UTF_8;
        String type;
        if (target.equals(charset) && rawContentType != null) {
            type = rawContentType;
        } else {
            ContentType changed = new ContentType(contentType.toString());
            changed.setParameter("charset", target.equals(charset) ? charsetLabel() : target.name());
            type = changed.toString();
        }
        byte[] bytes = newText.getBytes(target);
        String newEncoding = transferEncoding(bytes);
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, MimeUtility.unfold(type))));
        part.setHeader("Content-Type", type);
        part.setHeader("Content-Transfer-Encoding",
                newEncoding.equals(encoding) && rawEncoding != null ? rawEncoding : newEncoding);
    }

    private String charsetLabel() {
        String declared = contentType.getParameter("charset");
        return declared == null ? "us-ascii" : declared;
    }

    /** The original encoding when it can carry {@code bytes}, else quoted-printable. */
    private String transferEncoding(byte[] bytes) {
        return switch (encoding) {
            case "base64", "quoted-printable", "binary" -> encoding;
            case "8bit" -> fitsLines(bytes) ? encoding : "quoted-printable";
            default -> ascii(bytes) && fitsLines(bytes) ? "7bit" : "quoted-printable";
        };
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Lines of at most 998 bytes, ended by CRLF only, no NUL: what 7bit and 8bit allow. */
    private static boolean fitsLines(byte[] bytes) {
        int lineLength = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\r') {
                if (i + 1 >= bytes.length || bytes[i + 1] != '\n') {
                    return false;
                }
                i++;
                lineLength = 0;
            } else if (b == '\n' || b == 0) {
                return false;
            } else if (++lineLength > MAX_LINE) {
                return false;
            }
        }
        return true;
    }
}
