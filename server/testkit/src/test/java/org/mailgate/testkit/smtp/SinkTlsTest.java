package org.mailgate.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.testkit.tls.TestCertificate;

/** The sink's STARTTLS and implicit TLS, driven by a bare JSSE client that trusts the test certificate. */
class SinkTlsTest {

    private final TestCertificate certificate = TestCertificate.load();

    @TempDir
    Path dir;

    /** A line-based SMTP client over a socket that may switch to TLS. */
    private static final class Client implements AutoCloseable {
        private Socket socket;
        private BufferedReader in;
        private OutputStream out;

        Client(Socket socket) throws IOException {
            use(socket);
        }

        private void use(Socket s) throws IOException {
            socket = s;
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out = s.getOutputStream();
        }

        /** The lines of one reply. */
        List<String> read() throws IOException {
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("closed");
                }
                lines.add(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            return lines;
        }

        List<String> command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        }

        void startTls(SSLContext context) throws IOException {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "mx.remote.example",
                    socket.getPort(), true);
            tls.startHandshake();
            use(tls);
        }

        void sendMessage() throws IOException {
            assertThat(command("MAIL FROM:<a@example.org>").get(0)).startsWith("250");
            assertThat(command("RCPT TO:<b@example.com>").get(0)).startsWith("250");
            assertThat(command("DATA").get(0)).startsWith("354");
            assertThat(command("Subject: hi\r\n\r\nbody\r\n.").get(0)).startsWith("250");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private SSLContext trustingTheTestCertificate() throws Exception {
        Path store = certificate.writeTrustStore(dir.resolve("trust.p12"), "secret");
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStore.getInstance(store.toFile(), "secret".toCharArray()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void startTlsIsOfferedAcceptedAndRecordedPerMessage() throws Exception {
        try (RecordingSmtpSink sink = RecordingSmtpSink.start(SinkOptions.builder()
                .tls(SinkTls.startTls(certificate.serverContext())).build());
             Client client = new Client(new Socket(sink.address().getAddress(), sink.port()))) {
            client.read();
            assertThat(client.command("EHLO client.test")).contains("250 STARTTLS");
            client.sendMessage();
            assertThat(client.command("STARTTLS")).containsExactly("220 2.0.0 Ready to start TLS");
            client.startTls(trustingTheTestCertificate());
            assertThat(client.command("MAIL FROM:<a@example.org>").get(0)).as("EHLO forgotten").startsWith("503");
            assertThat(client.command("EHLO client.test")).noneMatch(line -> line.contains("STARTTLS"));
            client.sendMessage();
            assertThat(client.command("STARTTLS").get(0)).startsWith("503");

            List<ReceivedMessage> received = sink.awaitMessages(2, Duration.ofSeconds(10));
            assertThat(received).extracting(ReceivedMessage::overTls).containsExactly(false, true);
            assertThat(received.get(0).tlsProtocol()).isEmpty();
            assertThat(received.get(1).tlsProtocol()).startsWith("TLSv1.");
            assertThat(received.get(1).tlsCipher()).isNotEmpty();
        }
    }

    @Test
    void implicitTlsStartsWithTheHandshake() throws Exception {
        try (RecordingSmtpSink sink = RecordingSmtpSink.start(SinkOptions.builder()
                .tls(SinkTls.implicit(certificate.serverContext())).build());
             Client client = new Client(trustingTheTestCertificate().getSocketFactory()
                     .createSocket(sink.address().getAddress(), sink.port()))) {
            assertThat(client.read().get(0)).startsWith("220 ");
            assertThat(client.command("EHLO client.test")).noneMatch(line -> line.contains("STARTTLS"));
            client.sendMessage();

            assertThat(sink.awaitMessage(Duration.ofSeconds(10)).overTls()).isTrue();
        }
    }

    @Test
    void aPlainSinkAnswersStartTlsWith454WhenTheTestListsItAnd500Otherwise() throws Exception {
        try (RecordingSmtpSink listed = RecordingSmtpSink.start(SinkOptions.builder()
                .ehloKeywords("PIPELINING", "ENHANCEDSTATUSCODES", "STARTTLS").build());
             RecordingSmtpSink plain = RecordingSmtpSink.start();
             Client a = new Client(new Socket(listed.address().getAddress(), listed.port()));
             Client b = new Client(new Socket(plain.address().getAddress(), plain.port()))) {
            a.read();
            b.read();
            a.command("EHLO client.test");
            b.command("EHLO client.test");
            assertThat(a.command("STARTTLS")).containsExactly("454 4.7.0 TLS not available");
            assertThat(b.command("STARTTLS").get(0)).startsWith("500");
        }
    }
}
