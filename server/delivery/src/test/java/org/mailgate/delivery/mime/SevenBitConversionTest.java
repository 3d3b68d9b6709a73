package org.mailgate.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailgate.delivery.mime.MimeContent.assertSameDecodedContent;
import static org.mailgate.delivery.mime.MimeContent.assertSevenBit;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mailgate.api.mail.BodySource;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.HeaderSection;
import org.mailgate.api.mail.MessageParts;

class SevenBitConversionTest {

    static final String TOP = "From: alice@example.org\r\nTo: bob@remote.example\r\n"
            + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nMIME-Version: 1.0\r\n";
    static final String TEXT = "Grüße aus Köln = très bien.\r\nA line that ends in a space \r\n"
            + "Ünïcödé ".repeat(30) + "\r\nand a tab\t\r\n.a dot at the start\r\n";

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static MessageParts parts(byte[] message) throws IOException {
        HeaderSection.Split split = HeaderSection.split(new java.io.ByteArrayInputStream(message), 1 << 20);
        return new MessageParts(split.headers(), new ByteArrayBodySource(split.body().readAllBytes()));
    }

    static byte[] convert(byte[] message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SevenBitConversion.of(parts(message)).writeTo(out);
        return out.toByteArray();
    }

    /** Lines CR LF separated, bytes 0x80..0xFF among them: an 8-bit attachment. */
    static byte[] binaryLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 256; i++) {
            out.write(i == '\r' || i == '\n' ? 'x' : i);
            if (i % 40 == 39) {
                out.writeBytes(new byte[] {'\r', '\n'});
            }
        }
        return out.toByteArray();
    }

    static final String SEVEN_BIT_PART = "--outer\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "plain ascii part stays as it is   \r\n";

    static byte[] mixed() {
        return concat(bytes(TOP + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                        + "This is a multipart message in MIME format.\r\n"
                        + "--outer\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                        + TEXT + "\r\n"
                        + SEVEN_BIT_PART
                        + "--outer\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\n"
                        + "Content-Disposition: attachment; filename=\"data.bin\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"),
                binaryLines(), bytes("\r\n--outer--\r\nepilogue\r\n"));
    }

    @Test
    void anEightBitTextPartBecomesQuotedPrintableAndAnEightBitAttachmentBase64() throws Exception {
        byte[] original = mixed();
        byte[] converted = convert(original);

        assertSevenBit(converted);
        assertSameDecodedContent(original, converted);
        String text = new String(converted, StandardCharsets.US_ASCII);
        assertThat(text).startsWith(TOP + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                + "This is a multipart message in MIME format.\r\n"
                + "--outer\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Gr=C3=BC=C3=9Fe aus K=C3=B6ln =3D tr=C3=A8s bien.\r\nA line that ends in a space=20\r\n");
        assertThat(text).contains("and a tab=09\r\n.a dot at the start\r\n\r\n" + SEVEN_BIT_PART)
                .contains("Content-Disposition: attachment; filename=\"data.bin\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n")
                .endsWith("\r\n--outer--\r\nepilogue\r\n")
                .doesNotContain("8bit");
        MimeMultipart multipart = (MimeMultipart) MimeContent.parse(converted).getContent();
        assertThat(multipart.getBodyPart(0).getContent()).isEqualTo(TEXT);
        assertThat(multipart.getBodyPart(2).getInputStream().readAllBytes()).isEqualTo(binaryLines());
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
    }

    @Test
    void nestedMultipartsAndAnAttachedMessageAreConvertedWhereTheyHoldEightBitData() throws Exception {
        String base64Image = "--=_b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==\r\n";
        byte[] original = bytes(TOP + "Content-Type: multipart/mixed; boundary=\"=_b\"\r\n\r\n"
                + "--=_b\r\nContent-Type: multipart/alternative; boundary=\"=_b_alt\"\r\n\r\n"
                + "--=_b_alt\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Hallo Jürgen\r\n"
                + "--=_b_alt\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "<p>Hallo Jürgen</p>\r\n"
                + "--=_b_alt--\r\n"
                + base64Image
                + "--=_b\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "From: carol@example.net\r\nSubject: forwarded\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Ça va très bien.\r\n"
                + "--=_b--\r\n");
        byte[] converted = convert(original);

        assertSevenBit(converted);
        assertSameDecodedContent(original, converted);
        String text = new String(converted, StandardCharsets.US_ASCII);
        assertThat(text).contains("Hallo J=C3=BCrgen\r\n--=_b_alt\r\n")
                .contains("<p>Hallo J=C3=BCrgen</p>\r\n--=_b_alt--\r\n" + base64Image)
                .contains("--=_b\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                        + "From: carol@example.net\r\nSubject: forwarded\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                        + "=C3=87a va tr=C3=A8s bien.\r\n--=_b--\r\n");
        MimeMessage attached = (MimeMessage) ((MimeMultipart) MimeContent.parse(converted).getContent())
                .getBodyPart(2).getContent();
        assertThat(attached.getContent()).as("the line end before the delimiter is the delimiter's")
                .isEqualTo("Ça va très bien.");
    }

    @Test
    void aSevenBitMessageIsWrittenByteForByte() throws Exception {
        byte[] original = bytes(TOP + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "preamble\r\n--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "declared 8bit, but only ASCII\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Gr=C3=BC=C3=9Fe  \r\n"
                + "--b--\r\n");
        assertThat(convert(original)).isEqualTo(original);
        byte[] notMime = bytes("From: a@example.org\r\nSubject: old style\r\n\r\nno MIME here\r\n");
        assertThat(convert(notMime)).isEqualTo(notMime);
    }

    @Test
    void aSinglePartMessageGetsItsEncodingChangedInItsOwnHeader() throws Exception {
        byte[] declared = bytes(TOP + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding:\r\n 8bit\r\n"
                + "X-After: kept\r\n\r\n" + TEXT);
        byte[] converted = convert(declared);
        assertSevenBit(converted);
        assertSameDecodedContent(declared, converted);
        assertThat(new String(converted, StandardCharsets.US_ASCII)).startsWith(TOP
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"
                + "X-After: kept\r\n\r\nGr=C3=BC=C3=9Fe");

        byte[] undeclared = bytes(TOP + "Content-Type: application/octet-stream\r\n\r\n");
        undeclared = concat(undeclared, binaryLines());
        converted = convert(undeclared);
        assertSevenBit(converted);
        assertSameDecodedContent(undeclared, converted);
        assertThat(new String(converted, StandardCharsets.US_ASCII)).startsWith(TOP
                + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    }

    @Test
    void aMultipartWithoutItsClosingDelimiterIsStillConverted() throws Exception {
        byte[] original = bytes(TOP + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nnaïve\r\n");
        byte[] converted = convert(original);
        assertSevenBit(converted);
        assertThat(new String(converted, StandardCharsets.US_ASCII)).endsWith(
                "--b\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                        + "na=C3=AFve\r\n");
    }

    @Test
    void eightBitDataThatMimeCannotReEncodeIsRefusedSayingWhere() {
        assertThatThrownBy(() -> convert(bytes("From: a@example.org\r\nSubject: Grüße\r\nMIME-Version: 1.0\r\n\r\nbody\r\n")))
                .isInstanceOf(NotConvertibleException.class)
                .hasMessage("the header field Subject of the message holds 8-bit data, which MIME cannot re-encode");
        assertThatThrownBy(() -> convert(bytes("From: a@example.org\r\nSubject: old\r\n\r\nGrüße\r\n")))
                .hasMessage("the message is not MIME (it has no MIME-Version header field), so its 8-bit body cannot "
                        + "be re-encoded");
        assertThatThrownBy(() -> convert(bytes(TOP + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nfine\r\n"
                + "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"Bücher.pdf\"\r\n\r\n"
                + "%PDF\r\n--b--\r\n")))
                .hasMessage("the header field Content-Disposition of MIME part 2 holds 8-bit data, which MIME cannot re-encode");
        assertThatThrownBy(() -> convert(bytes(TOP + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nR3LDvMOfZQ==ü\r\n--b--\r\n")))
                .hasMessage("MIME part 1 declares Content-Transfer-Encoding base64 but holds 8-bit data");
        assertThatThrownBy(() -> convert(bytes(TOP + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "Préambule\r\n--b\r\n\r\nfine\r\n--b--\r\n")))
                .hasMessage("the preamble of the message holds 8-bit data, which MIME cannot re-encode");
    }

    @Test
    void aLargeAttachmentWithoutLineBreaksIsEncodedPieceByPiece() throws Exception {
        int size = 8 * 1024 * 1024 + 17;
        byte[] head = bytes(TOP + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\n\r\n");
        byte[] tail = bytes("\r\n--b--\r\n");
        HeaderSection.Split split = HeaderSection.split(new java.io.ByteArrayInputStream(head), 1 << 20);
        byte[] bodyStart = split.body().readAllBytes();
        BodySource body = new GeneratedBody(bodyStart, size, tail);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SevenBitConversion.of(new MessageParts(split.headers(), body)).writeTo(out);
        byte[] converted = out.toByteArray();

        assertSevenBit(converted);
        BodyPart attachment = ((MimeMultipart) MimeContent.parse(converted).getContent()).getBodyPart(0);
        MessageDigest decoded = MessageDigest.getInstance("SHA-256");
        try (InputStream in = attachment.getInputStream()) {
            decoded.update(in.readAllBytes());
        }
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new GeneratedBody(new byte[0], size, new byte[0]).open(0)) {
            expected.update(in.readAllBytes());
        }
        assertThat(HexFormat.of().formatHex(decoded.digest())).isEqualTo(HexFormat.of().formatHex(expected.digest()));
    }

    /** A body made on the fly: a start, {@code randomBytes} random bytes without any LF, an end. */
    private record GeneratedBody(byte[] start, int randomBytes, byte[] end) implements BodySource {

        @Override
        public long size() {
            return start.length + (long) randomBytes + end.length;
        }

        @Override
        public InputStream open(long offset) {
            return new InputStream() {
                private final Random random = new Random(42);
                private long position;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] buffer, int off, int length) {
                    if (position >= size()) {
                        return -1;
                    }
                    int n = 0;
                    while (n < length && position < size()) {
                        byte b;
                        if (position < start.length) {
                            b = start[(int) position];
                        } else if (position < start.length + (long) randomBytes) {
                            b = (byte) (random.nextInt(255) + 1);
                            b = b == '\n' ? (byte) 0xE9 : b;
                        } else {
                            b = end[(int) (position - start.length - randomBytes)];
                        }
                        buffer[off + n++] = b;
                        position++;
                    }
                    return n;
                }
            };
        }
    }

    @Test
    void theEightBitScanLooksAtHeadersAndBody() throws Exception {
        assertThat(EightBitData.in(parts(bytes("Subject: plain\r\n\r\nplain\r\n")))).isFalse();
        assertThat(EightBitData.in(parts(bytes("Subject: Grüße\r\n\r\nplain\r\n")))).isTrue();
        assertThat(EightBitData.in(parts(bytes("Subject: plain\r\n\r\n" + "x".repeat(100_000) + "é\r\n")))).isTrue();
    }
}
