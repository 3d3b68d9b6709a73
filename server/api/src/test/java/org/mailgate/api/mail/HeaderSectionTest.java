package org.mailgate.api.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderSectionTest {

    static HeaderSection.Split split(String message, int chunk) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        return HeaderSection.split(trickle, 1 << 20);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void splitsAtTheFirstEmptyLineWhateverTheReadSizes() throws Exception {
        String headers = "Subject: a\r\nX-Long: b\r\n c\r\n\r\n";
        String body = "body\r\n\r\nmore\r\n";
        for (int chunk : new int[] {1, 2, 3, 7, 8192}) {
            HeaderSection.Split split = split(headers + body, chunk);
            assertThat(text(split.headers())).as("chunk " + chunk).isEqualTo(headers);
            assertThat(text(split.body().readAllBytes())).as("chunk " + chunk).isEqualTo(body);
        }
    }

    @Test
    void aMessageWithoutBodyIsAllHeaders() throws Exception {
        HeaderSection.Split split = split("Subject: only\r\n", 3);
        assertThat(text(split.headers())).isEqualTo("Subject: only\r\n");
        assertThat(split.body().readAllBytes()).isEmpty();
    }

    @Test
    void bareLineFeedsAlsoEndTheHeadersOfMessagesBuiltInCode() throws Exception {
        HeaderSection.Split split = split("A: b\n\nbody\n", 2);
        assertThat(text(split.headers())).isEqualTo("A: b\n\n");
        assertThat(text(split.body().readAllBytes())).isEqualTo("body\n");
    }

    @Test
    void anEmptyFirstLineMeansNoHeaders() throws Exception {
        HeaderSection.Split split = split("\r\nbody\r\n", 1);
        assertThat(text(split.headers())).isEqualTo("\r\n");
        assertThat(text(split.body().readAllBytes())).isEqualTo("body\r\n");
    }

    @Test
    void tooLongAHeaderSectionIsRefused() {
        String headers = "X: " + "y".repeat(200) + "\r\n";
        assertThatThrownBy(() -> HeaderSection.split(new ByteArrayInputStream(headers.repeat(100)
                .getBytes(StandardCharsets.ISO_8859_1)), 1000))
                .isInstanceOf(HeaderSection.HeaderSectionTooLargeException.class);
    }
}
