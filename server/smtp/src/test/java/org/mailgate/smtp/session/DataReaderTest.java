package org.mailgate.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DataReaderTest {

    /** The input after DATA, the reader over it, and what follows the data. */
    record Run(SmtpInput input, DataReader reader) {
        String rest() throws IOException {
            StringBuilder rest = new StringBuilder();
            int b;
            while ((b = input.read()) >= 0) {
                rest.append((char) b);
            }
            return rest.toString();
        }
    }

    static Run reader(String wire, long maxSize) {
        return reader(wire, maxSize, 1024 * 1024, 1000);
    }

    static Run reader(String wire, long maxSize, long maxHeaderSize, int maxHeaderCount) {
        SmtpInput input = new SmtpInput(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), () -> { });
        return new Run(input, new DataReader(input, maxSize, maxHeaderSize, maxHeaderCount));
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void contentEndsAtCrLfDotCrLfAndIsDotUnstuffed() throws Exception {
        Run run = reader("Subject: x\r\n\r\n..leading dot\r\n...two\r\nlast\r\n.\r\nQUIT\r\n", 0);
        assertThat(readAll(run.reader())).isEqualTo("Subject: x\r\n\r\n.leading dot\r\n..two\r\nlast\r\n");
        assertThat(run.reader().atEnd()).isTrue();
        assertThat(run.rest()).isEqualTo("QUIT\r\n");
    }

    @Test
    void anEmptyMessageIsJustTheDot() throws Exception {
        Run run = reader(".\r\n", 0);
        assertThat(readAll(run.reader())).isEmpty();
    }

    @Test
    void bareLfDotBareLfNeverEndsTheData() throws Exception {
        Run run = reader("Subject: smuggle\r\n\r\nhello\n.\nMAIL FROM:<evil@x>\r\n.\r\nNOOP\r\n", 0);
        assertThatThrownBy(() -> readAll(run.reader())).isInstanceOf(DataReader.MessageRefusedException.class);
        run.reader().drain();
        assertThat(run.reader().violation()).contains(Replies.BARE_LINE_END);
        assertThat(run.rest()).isEqualTo("NOOP\r\n");
    }

    @Test
    void crLfDotLfDoesNotEndTheDataEither() throws Exception {
        Run run = reader("a\r\n.\nMAIL FROM:<x@y>\r\n.\r\nNOOP\r\n", 0);
        assertThatThrownBy(() -> readAll(run.reader())).isInstanceOf(DataReader.MessageRefusedException.class);
        run.reader().drain();
        assertThat(run.rest()).isEqualTo("NOOP\r\n");
    }

    @Test
    void aBareCarriageReturnIsRefused() throws Exception {
        Run run = reader("a\rb\r\n.\r\n", 0);
        assertThatThrownBy(() -> readAll(run.reader())).isInstanceOf(DataReader.MessageRefusedException.class);
        run.reader().drain();
        assertThat(run.reader().violation()).contains(Replies.BARE_LINE_END);
    }

    @Test
    void tooLargeMessageIsReadToItsEndThenRefused() throws Exception {
        String body = "x".repeat(100) + "\r\n";
        Run run = reader(body.repeat(20) + ".\r\nNOOP\r\n", 1000);
        assertThatThrownBy(() -> readAll(run.reader())).isInstanceOf(DataReader.MessageRefusedException.class);
        run.reader().drain();
        assertThat(run.reader().violation()).contains(Replies.MESSAGE_TOO_BIG);
        assertThat(run.rest()).isEqualTo("NOOP\r\n");
    }

    @Test
    void linesLongerThan998CharactersAreRefused() throws Exception {
        Run ok = reader("x".repeat(998) + "\r\n.\r\n", 0);
        assertThat(readAll(ok.reader())).hasSize(1000);
        Run tooLong = reader("x".repeat(999) + "\r\n.\r\n", 0);
        assertThatThrownBy(() -> readAll(tooLong.reader())).isInstanceOf(DataReader.MessageRefusedException.class);
        tooLong.reader().drain();
        assertThat(tooLong.reader().violation()).contains(Replies.DATA_LINE_TOO_LONG);
    }

    @Test
    void singleByteReadsGiveTheSameContent() throws Exception {
        Run run = reader("a\r\n..b\r\n.\r\n", 0);
        StringBuilder out = new StringBuilder();
        int b;
        while ((b = run.reader().read()) >= 0) {
            out.append((char) b);
        }
        assertThat(out.toString()).isEqualTo("a\r\n.b\r\n");
    }

    @Test
    void aClientThatDisappearsIsNotedAsGone() {
        Run run = reader("Subject: cut\r\n\r\nhalf a mess", 0);
        assertThatThrownBy(() -> readAll(run.reader())).isInstanceOf(java.io.EOFException.class);
        assertThat(run.reader().clientGone()).isTrue();
    }

    @Test
    void headerFieldsAreCountedWithoutTheirContinuationLinesOrTheBody() throws Exception {
        String wire = "A: 1\r\nB: 2\r\n\tcontinued\r\n  more\r\n..C: stuffed\r\n\r\nD: body\r\nE: body\r\n.\r\nNOOP\r\n";
        Run atLimit = reader(wire, 0, 0, 3);
        assertThat(readAll(atLimit.reader())).startsWith("A: 1\r\n");
        assertThat(atLimit.reader().violation()).isEmpty();

        Run over = reader(wire, 0, 0, 2);
        assertThatThrownBy(() -> readAll(over.reader())).isInstanceOf(DataReader.MessageRefusedException.class);
        over.reader().drain();
        assertThat(over.reader().violation()).contains(Replies.TOO_MANY_HEADERS);
        assertThat(over.rest()).isEqualTo("NOOP\r\n");
    }

    @Test
    void theHeaderSectionSizeIsConfigurable() throws Exception {
        Run run = reader("Subject: " + "x".repeat(200) + "\r\n\r\nbody\r\n.\r\n", 0, 100, 0);
        assertThatThrownBy(() -> readAll(run.reader())).isInstanceOf(DataReader.MessageRefusedException.class);
        run.reader().drain();
        assertThat(run.reader().violation()).contains(Replies.HEADERS_TOO_BIG);
    }
}
