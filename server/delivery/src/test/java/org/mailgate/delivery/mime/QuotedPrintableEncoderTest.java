package org.mailgate.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuotedPrintableEncoderTest {

    static String encode(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QuotedPrintableEncoder encoder = new QuotedPrintableEncoder(out);
        encoder.write(text.getBytes(StandardCharsets.UTF_8));
        encoder.finish();
        return out.toString(StandardCharsets.US_ASCII);
    }

    static String decode(String encoded) throws Exception {
        return new String(MimeUtility.decode(new ByteArrayInputStream(encoded.getBytes(StandardCharsets.US_ASCII)),
                "quoted-printable").readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void encodesEightBitBytesEqualsSignsAndWhiteSpaceAtLineEnds() throws Exception {
        assertThat(encode("café = 1 \r\nnext\t\r\nin the middle stays\r\nend "))
                .isEqualTo("caf=C3=A9 =3D 1=20\r\nnext=09\r\nin the middle stays\r\nend=20");
    }

    @Test
    void aLoneLineFeedIsALineBreakAndALoneCarriageReturnIsEncoded() throws Exception {
        assertThat(encode("one\ntwo\rthree\r")).isEqualTo("one\r\ntwo=0Dthree=0D");
    }

    @Test
    void longLinesGetSoftBreaksThatNeverSplitAnEncodedByte() throws Exception {
        String text = "ü".repeat(100) + "\r\n" + "a".repeat(200) + " \r\n";
        String encoded = encode(text);
        assertThat(encoded.split("\r\n", -1)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(encoded).contains("=C3=BC=C3=BC=\r\n=C3=BC").doesNotContain("=\r\nC3");
        assertThat(decode(encoded)).isEqualTo(text);
    }
}
