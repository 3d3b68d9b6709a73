package org.mailgate.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SmtpDialogueTest {

    @Test
    void replyExposesCodeTextAndEnhancedStatus() {
        SmtpReply reply = new SmtpReply(550, List.of("5.7.1 relaying denied", "see policy"));

        assertThat(reply.text()).isEqualTo("5.7.1 relaying denied\nsee policy");
        assertThat(reply.enhancedStatus()).contains("5.7.1");
        assertThat(reply.isPositive()).isFalse();
        assertThat(reply.isPermanentFailure()).isTrue();
        assertThat(reply.toString()).isEqualTo("550 5.7.1 relaying denied\nsee policy");
        assertThat(new SmtpReply(354, List.of("go ahead")).isPositive()).isTrue();
        assertThat(new SmtpReply(250, List.of("2.0.0")).enhancedStatus()).contains("2.0.0");
        assertThat(new SmtpReply(250, List.of("20.0.0 no")).enhancedStatus()).isEmpty();
        assertThat(new SmtpReply(250, List.of("")).enhancedStatus()).isEmpty();
    }

    @Test
    void readsMultiLineRepliesAndReportsTheLastCommandOnMismatch() throws Exception {
        try (FakeServer server = FakeServer.replying("220 hi\r\n250-mx.test\r\n250-PIPELINING\r\n250 SIZE 100\r\n");
             SmtpDialogue smtp = SmtpDialogue.connect(server.address())) {
            smtp.expect(220);
            assertThatThrownBy(() -> smtp.send("EHLO me.test").expect(221))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected 221 after 'EHLO me.test'")
                    .hasMessageContaining("250 mx.test\nPIPELINING\nSIZE 100");
        }
    }

    @Test
    void rejectsMalformedReplies() throws Exception {
        try (FakeServer server = FakeServer.replying("220 ok\r\nhello there\r\n");
             SmtpDialogue smtp = SmtpDialogue.connect(server.address())) {
            smtp.expect(220);
            assertThatThrownBy(smtp::read).isInstanceOf(AssertionError.class).hasMessageContaining("malformed");
        }
    }

    @Test
    void readTimesOutWhenTheServerIsSilent() throws Exception {
        try (FakeServer server = FakeServer.replying("");
             SmtpDialogue smtp = SmtpDialogue.connect(server.address())) {
            smtp.readTimeout(Duration.ofMillis(100));
            assertThatThrownBy(smtp::read).isInstanceOf(AssertionError.class).hasMessageContaining("no reply within");
            assertThat(smtp.closedByServer()).isFalse();
            assertThatThrownBy(smtp::expectClosed).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void expectClosedFailsWhenAReplyArrivesAndReadFailsAtEof() throws Exception {
        try (FakeServer server = FakeServer.replying("220 ok\r\n421 bye\r\n");
             SmtpDialogue smtp = SmtpDialogue.connect(server.address())) {
            smtp.expect(220);
            assertThatThrownBy(smtp::expectClosed).isInstanceOf(AssertionError.class).hasMessageContaining("421 bye");
            server.hangUp();
            assertThatThrownBy(smtp::read).isInstanceOf(AssertionError.class).hasMessageContaining("closed by server");
            assertThat(smtp.closedByServer()).isTrue();
        }
    }

    @Test
    void sendDataDotStuffsOnlyAtLineStartsAndTerminates() throws Exception {
        try (FakeServer server = FakeServer.replying("250 ok\r\n");
             SmtpDialogue smtp = SmtpDialogue.connect(server.address())) {
            assertThat(smtp.sendData(".a\r\n..b\r\nc.d\r\ne\n.f".getBytes(StandardCharsets.US_ASCII)).code())
                    .isEqualTo(250);
            String expected = "..a\r\n...b\r\nc.d\r\ne\n.f\r\n.\r\n";
            assertThat(server.received(expected.length())).isEqualTo(expected);
        }
    }

    /** A loopback server for one connection that writes a fixed script and records what it is sent. */
    private static final class FakeServer implements AutoCloseable {
        private final ServerSocket listener;
        private final CompletableFuture<Socket> accepted = new CompletableFuture<>();

        private FakeServer(String script) throws IOException {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                try {
                    Socket socket = listener.accept();
                    OutputStream out = socket.getOutputStream();
                    out.write(script.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    accepted.complete(socket);
                } catch (IOException e) {
                    accepted.completeExceptionally(e);
                }
            });
        }

        static FakeServer replying(String script) throws IOException {
            return new FakeServer(script);
        }

        InetSocketAddress address() {
            return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
        }

        String received(int length) throws Exception {
            InputStream in = accepted.get(10, TimeUnit.SECONDS).getInputStream();
            return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
        }

        void hangUp() throws Exception {
            accepted.get(10, TimeUnit.SECONDS).close();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            if (accepted.isDone() && !accepted.isCompletedExceptionally()) {
                accepted.join().close();
            }
        }
    }
}
