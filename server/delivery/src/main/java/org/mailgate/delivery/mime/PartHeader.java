package org.mailgate.delivery.mime;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The header section of a message or of a MIME part, as read (fields, then the empty line that ends it,
 * if any): what it says about the content that follows (media type, multipart boundary, transfer
 * encoding), and the same section with another Content-Transfer-Encoding, every other byte unchanged.
 */
final class PartHeader {

    /**
     * What a part's content is, as far as conversion to 7-bit cares. A multipart without boundary, or a
     * multipart or message declaring an encoding they may not have, is taken as one opaque part.
     */
    enum Kind {
        /** A multipart with a boundary: a preamble, parts, an epilogue. */
        MULTIPART,
        /** An encapsulated message (message/rfc822): a header section and a body of its own. */
        MESSAGE,
        /** Text, re-encoded as quoted-printable. */
        TEXT,
        /** Anything else, re-encoded as base64. */
        OTHER
    }

    private static final String TRANSFER_ENCODING = "Content-Transfer-Encoding";

    /** A field: its name and where it lies in the section, continuation lines included. */
    private record Field(String name, int start, int end) {
    }

    private final byte[] bytes;
    private final List<Field> fields = new ArrayList<>();
    /** Where the fields end: the start of the empty line, or the end of the section if there is none. */
    private final int fieldsEnd;
    private final Kind kind;
    private final Optional<String> boundary;

    PartHeader(byte[] bytes) {
        this.bytes = bytes;
        int position = 0;
        int end = bytes.length;
        while (position < bytes.length) {
            int lineEnd = lineEnd(position);
            if (isEmptyLine(position, lineEnd)) {
                end = position;
                break;
            }
            byte first = bytes[position];
            if ((first == ' ' || first == '\t') && !fields.isEmpty()) {
                Field last = fields.remove(fields.size() - 1);
                fields.add(new Field(last.name(), last.start(), lineEnd));
            } else {
                fields.add(new Field(name(position, lineEnd), position, lineEnd));
            }
            position = lineEnd;
        }
        this.fieldsEnd = end;
        ContentType type = contentType();
        String base = type == null ? "application/octet-stream" : type.getBaseType().toLowerCase(Locale.ROOT);
        Optional<String> b = type == null ? Optional.empty() : Optional.ofNullable(type.getParameter("boundary"))
                .filter(s -> !s.isEmpty());
        boolean identity = isIdentity(transferEncoding());
        if (base.startsWith("multipart/") && b.isPresent() && identity) {
            kind = Kind.MULTIPART;
        } else if (base.equals("message/rfc822") && identity) {
            kind = Kind.MESSAGE;
        } else if (base.startsWith("text/")) {
            kind = Kind.TEXT;
        } else {
            kind = Kind.OTHER;
        }
        boundary = kind == Kind.MULTIPART ? b : Optional.empty();
    }

    /** The Content-Type, text/plain when absent (RFC 2045 5.2), null when it cannot be parsed. */
    private ContentType contentType() {
        Optional<String> value = value("Content-Type");
        if (value.isEmpty() || value.get().isBlank()) {
            return new ContentType("text", "plain", null);
        }
        try {
            return new ContentType(value.get());
        } catch (ParseException e) {
            return null;
        }
    }

    Kind kind() {
        return kind;
    }

    /** The boundary of a multipart. */
    Optional<String> boundary() {
        return boundary;
    }

    /** The transfer encoding in lower case, without comments; {@code 7bit} when none is declared. */
    String transferEncoding() {
        return value(TRANSFER_ENCODING).map(v -> v.replaceAll("\\([^)]*\\)", "").trim().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty()).orElse("7bit");
    }

    /**
     * Whether an encoding leaves the content as it is (7bit, 8bit, binary: RFC 2045 6.2), as a multipart's or
     * an encapsulated message's must.
     */
    static boolean isIdentity(String encoding) {
        return encoding.equals("7bit") || encoding.equals("8bit") || encoding.equals("binary");
    }

    /** Whether the section has a field of this name (compared ignoring case). */
    boolean has(String name) {
        return fields.stream().anyMatch(f -> f.name().equalsIgnoreCase(name));
    }

    /** The name of the first field that holds a byte above 127, if one does. */
    Optional<String> firstEightBitField() {
        for (Field field : fields) {
            for (int i = field.start(); i < field.end(); i++) {
                if (bytes[i] < 0) {
                    return Optional.of(field.name());
                }
            }
        }
        return Optional.empty();
    }

    /** The unfolded value of the first field named {@code name}. */
    Optional<String> value(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst().map(f -> {
            String raw = new String(bytes, f.start(), f.end() - f.start(), StandardCharsets.ISO_8859_1);
            return raw.substring(raw.indexOf(':') + 1).replaceAll("\r?\n(?=[ \t])", "").strip();
        });
    }

    /** The section as read. */
    byte[] bytes() {
        return bytes;
    }

    /**
     * The section with its Content-Transfer-Encoding fields replaced by one saying {@code encoding}, where the
     * first was, or added after the last field; every other byte as read.
     */
    byte[] withTransferEncoding(String encoding) {
        byte[] field = (TRANSFER_ENCODING + ": " + encoding + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + field.length);
        int copied = 0;
        boolean written = false;
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(TRANSFER_ENCODING)) {
                out.write(bytes, copied, f.start() - copied);
                if (!written) {
                    out.write(field, 0, field.length);
                    written = true;
                }
                copied = f.end();
            }
        }
        out.write(bytes, copied, fieldsEnd - copied);
        if (!written) {
            if (fieldsEnd > 0 && bytes[fieldsEnd - 1] != '\n') {
                out.write('\r');
                out.write('\n');
            }
            out.write(field, 0, field.length);
        }
        out.write(bytes, fieldsEnd, bytes.length - fieldsEnd);
        return out.toByteArray();
    }

    private int lineEnd(int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }

    private boolean isEmptyLine(int start, int end) {
        int length = end - start;
        return length == 1 && bytes[start] == '\n' || length == 2 && bytes[start] == '\r' && bytes[start + 1] == '\n';
    }

    private String name(int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == ':') {
                return new String(bytes, start, i - start, StandardCharsets.ISO_8859_1).strip();
            }
        }
        return "";
    }
}
