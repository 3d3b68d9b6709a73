package org.mailgate.delivery.mime;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;

/**
 * One pass over a message's MIME structure, reading the body line by line. A survey pass numbers the
 * parts in order and notes which hold 8-bit data, failing where 8-bit data cannot be re-encoded (header
 * fields, preambles and epilogues, parts already encoded, a message that is not MIME). A conversion pass
 * walks the same structure again with those notes and writes the message: each 8-bit text part as
 * quoted-printable, each other 8-bit part as base64, the Content-Transfer-Encoding of the multiparts and
 * messages around them changed to 7bit, everything else byte for byte.
 */
final class MimeWalk {

    static final int MAX_DEPTH = 32;
    static final int MAX_PART_HEADER = 1024 * 1024;

    private static final byte[] CRLF = {'\r', '\n'};

    private final MimeLines in;
    /** Where the conversion pass writes; null while surveying. */
    private final OutputStream out;
    /** The parts (in order) that hold 8-bit data: noted by the survey, read by the conversion. */
    private final BitSet eightBit;
    private int nextPart;

    private MimeWalk(InputStream body, OutputStream out, BitSet eightBit) {
        this.in = new MimeLines(body);
        this.out = out;
        this.eightBit = eightBit;
    }

    /** The parts of the message that hold 8-bit data, in the numbering {@link #convert} uses. */
    static BitSet survey(byte[] headerSection, InputStream body) throws IOException, NotConvertibleException {
        BitSet eightBit = new BitSet();
        new MimeWalk(body, null, eightBit).message(new PartHeader(headerSection));
        return eightBit;
    }

    /** Writes the message with the parts that {@code eightBit} names re-encoded. */
    static void convert(byte[] headerSection, InputStream body, BitSet eightBit, OutputStream out)
            throws IOException {
        try {
            new MimeWalk(body, out, eightBit).message(new PartHeader(headerSection));
        } catch (NotConvertibleException e) {
            throw new IllegalStateException("the survey let an unconvertible message through: " + e.getMessage(), e);
        }
    }

    private boolean surveying() {
        return out == null;
    }

    private void message(PartHeader header) throws IOException, NotConvertibleException {
        if (!header.has("MIME-Version")) {
            checkHeader(header, Where.MESSAGE);
            write(header.bytes());
            while (in.next()) {
                if (in.isEightBit() && surveying()) {
                    throw new NotConvertibleException("the message is not MIME (it has no MIME-Version header field), "
                            + "so its 8-bit body cannot be re-encoded");
                }
                copyLine();
            }
            return;
        }
        part(header, List.of(), Where.MESSAGE, 0);
    }

    /**
     * A part whose header was read: its content up to a delimiter of {@code enclosing} (left unread) or the
     * end. Returns whether it holds 8-bit data.
     */
    private boolean part(PartHeader header, List<byte[]> enclosing, Where where, int depth)
            throws IOException, NotConvertibleException {
        if (depth > MAX_DEPTH) {
            throw new NotConvertibleException("its MIME parts are nested more than " + MAX_DEPTH + " levels deep");
        }
        checkHeader(header, where);
        int number = nextPart++;
        boolean convert = !surveying() && eightBit.get(number);
        boolean found = switch (header.kind()) {
            case MULTIPART -> multipart(header, convert, enclosing, where, depth);
            case MESSAGE -> encapsulated(header, convert, enclosing, where, depth);
            case TEXT, OTHER -> leaf(header, convert, enclosing, where);
        };
        if (surveying() && found) {
            eightBit.set(number);
        }
        return found;
    }

    private void checkHeader(PartHeader header, Where where) throws NotConvertibleException {
        if (surveying()) {
            var field = header.firstEightBitField();
            if (field.isPresent()) {
                throw new NotConvertibleException("the header field " + (field.get().isEmpty() ? "" : field.get() + " ")
                        + "of " + where.describe() + " holds 8-bit data, which MIME cannot re-encode");
            }
        }
    }

    /** The header of a multipart or message: its encoding says 7bit once what it holds is converted. */
    private void writeContainerHeader(PartHeader header, boolean convert) throws IOException {
        boolean relabel = convert && !header.transferEncoding().equals("7bit") && header.has("Content-Transfer-Encoding");
        write(relabel ? header.withTransferEncoding("7bit") : header.bytes());
    }

    private boolean multipart(PartHeader header, boolean convert, List<byte[]> enclosing, Where where, int depth)
            throws IOException, NotConvertibleException {
        writeContainerHeader(header, convert);
        List<byte[]> boundaries = new ArrayList<>(enclosing.size() + 1);
        boundaries.add(header.boundary().orElseThrow().getBytes(StandardCharsets.ISO_8859_1));
        boundaries.addAll(enclosing);
        boolean found = false;
        int parts = 0;
        while (in.next()) {
            Delimiter delimiter = delimiter(boundaries);
            if (delimiter == null) {
                found |= checkFiller("the preamble of " + where.describe());
                copyLine();
            } else if (delimiter.level() > 0) {
                in.putBack();
                return found;
            } else if (delimiter.closing()) {
                copyLine();
                return epilogue(enclosing, where) | found;
            } else {
                copyLine();
                parts++;
                Where child = where.child(parts);
                found |= part(readHeader(boundaries, child), boundaries, child, depth + 1);
            }
        }
        return found;
    }

    private boolean epilogue(List<byte[]> enclosing, Where where) throws IOException, NotConvertibleException {
        boolean found = false;
        while (in.next()) {
            if (delimiter(enclosing) != null) {
                in.putBack();
                break;
            }
            found |= checkFiller("the epilogue of " + where.describe());
            copyLine();
        }
        return found;
    }

    /** Preambles and epilogues carry no content; MIME gives no way to re-encode them. */
    private boolean checkFiller(String what) throws NotConvertibleException {
        if (in.isEightBit() && surveying()) {
            throw new NotConvertibleException(what + " holds 8-bit data, which MIME cannot re-encode");
        }
        return in.isEightBit();
    }

    private boolean encapsulated(PartHeader header, boolean convert, List<byte[]> enclosing, Where where, int depth)
            throws IOException, NotConvertibleException {
        writeContainerHeader(header, convert);
        Where inner = where.attached();
        return part(readHeader(enclosing, inner), enclosing, inner, depth + 1);
    }

    /** Reads a header section up to its empty line, a delimiter (left unread) or the end. */
    private PartHeader readHeader(List<byte[]> boundaries, Where where) throws IOException, NotConvertibleException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(512);
        while (in.next()) {
            if (delimiter(boundaries) != null) {
                in.putBack();
                break;
            }
            in.copyTo(header);
            if (header.size() > MAX_PART_HEADER) {
                throw new NotConvertibleException("the header of " + where.describe() + " is larger than "
                        + MAX_PART_HEADER + " bytes");
            }
            if (in.isEmptyLine()) {
                break;
            }
        }
        return new PartHeader(header.toByteArray());
    }

    private boolean leaf(PartHeader header, boolean convert, List<byte[]> enclosing, Where where)
            throws IOException, NotConvertibleException {
        if (convert) {
            encode(header, enclosing);
            return true;
        }
        write(header.bytes());
        boolean found = false;
        while (in.next()) {
            if (delimiter(enclosing) != null) {
                in.putBack();
                break;
            }
            found |= in.isEightBit();
            copyLine();
        }
        String encoding = header.transferEncoding();
        if (found && surveying() && !PartHeader.isIdentity(encoding)) {
            throw new NotConvertibleException(where.describe() + " declares Content-Transfer-Encoding " + encoding
                    + " but holds 8-bit data");
        }
        return found;
    }

    /**
     * Writes an 8-bit part re-encoded. The line end before a delimiter belongs to the delimiter (RFC 2046
     * 5.1.1), so each line end is held back until more content follows it.
     */
    private void encode(PartHeader header, List<byte[]> enclosing) throws IOException {
        boolean text = header.kind() == PartHeader.Kind.TEXT;
        write(header.withTransferEncoding(text ? "quoted-printable" : "base64"));
        QuotedPrintableEncoder quotedPrintable = text ? new QuotedPrintableEncoder(out) : null;
        OutputStream encoder = text ? quotedPrintable : Base64.getMimeEncoder().wrap(new Unclosed(out));
        int heldLineEnd = 0;
        boolean atDelimiter = false;
        while (in.next()) {
            if (delimiter(enclosing) != null) {
                in.putBack();
                atDelimiter = true;
                break;
            }
            encoder.write(CRLF, 0, heldLineEnd);
            int lineEnd = in.lineEndLength();
            encoder.write(in.bytes(), 0, in.length() - lineEnd);
            heldLineEnd = lineEnd;
        }
        if (!atDelimiter) {
            encoder.write(heldLineEnd == 1 ? new byte[] {'\n'} : CRLF, 0, heldLineEnd);
        }
        if (text) {
            quotedPrintable.finish();
        } else {
            encoder.close();
        }
        if (atDelimiter || !text) {
            out.write(CRLF);
        }
    }

    private void write(byte[] bytes) throws IOException {
        if (out != null) {
            out.write(bytes);
        }
    }

    private void copyLine() throws IOException {
        if (out != null) {
            in.copyTo(out);
        }
    }

    /** A delimiter line: of which boundary (0 the innermost), and whether it closes its multipart. */
    private record Delimiter(int level, boolean closing) {
    }

    /** The delimiter the current line is, if it is one of {@code boundaries} (innermost first). */
    private Delimiter delimiter(List<byte[]> boundaries) {
        if (boundaries.isEmpty() || !in.isWholeLine()) {
            return null;
        }
        byte[] line = in.bytes();
        int length = in.length();
        if (length < 2 || line[0] != '-' || line[1] != '-') {
            return null;
        }
        for (int level = 0; level < boundaries.size(); level++) {
            byte[] boundary = boundaries.get(level);
            if (length < 2 + boundary.length || !java.util.Arrays.equals(line, 2, 2 + boundary.length, boundary, 0,
                    boundary.length)) {
                continue;
            }
            int rest = 2 + boundary.length;
            boolean closing = rest + 1 < length && line[rest] == '-' && line[rest + 1] == '-';
            if (closing) {
                rest += 2;
            }
            if (onlyPadding(line, rest, length)) {
                return new Delimiter(level, closing);
            }
        }
        return null;
    }

    /** Whether the line holds nothing but white space (transport padding) and its end from {@code from} on. */
    private static boolean onlyPadding(byte[] line, int from, int length) {
        for (int i = from; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Where a part is, for messages: the message, MIME part 1.2, the message attached as MIME part 3. */
    private record Where(String path, boolean attachedMessage) {

        static final Where MESSAGE = new Where("", false);

        Where child(int number) {
            return new Where(path.isEmpty() ? Integer.toString(number) : path + "." + number, false);
        }

        Where attached() {
            return new Where(path, true);
        }

        String describe() {
            if (path.isEmpty()) {
                return "the message";
            }
            return attachedMessage ? "the message attached as MIME part " + path : "MIME part " + path;
        }
    }

    /** Lets the base64 encoder write its last bytes on close without closing the stream underneath. */
    private static final class Unclosed extends FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() {
            // the stream underneath stays open
        }
    }
}
