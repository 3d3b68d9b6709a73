package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.testkit.smtp.ReceivedMessage;

/**
 * STARTTLS through the assembled gateway: with no key configured, the certificate generated into
 * {@code var/tls} is served, and the relayed message's Received header records the TLS.
 */
class TlsEndToEndTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    @Test
    void mailSentOverStartTlsWithTheGeneratedCertificateIsRelayedWithTheTlsInItsReceivedHeader() throws Exception {
        peers.start(peers.conf().smtpTls("<tls socketTLS=\"false\" startTLS=\"true\"/>").writeTo(tmp.resolve("conf")),
                tmp.resolve("var"));
        try (Socket plain = new Socket()) {
            plain.connect(peers.gateway().smtp());
            plain.setSoTimeout(20_000);
            Lines smtp = new Lines(plain);
            assertThat(smtp.reply()).startsWith("220 ");
            assertThat(smtp.command("EHLO client.example")).containsPattern("\n250[- ]STARTTLS");
            assertThat(smtp.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
            X509Certificate generated = certificate(tmp.resolve("var/tls/mailgate.test.crt"));
            SSLSocket tls = (SSLSocket) trusting(generated).getSocketFactory().createSocket(plain, "mailgate.test",
                    plain.getPort(), true);
            tls.startHandshake();
            smtp = new Lines(tls);
            smtp.command("EHLO client.example");
            assertThat(smtp.command("MAIL FROM:<alice@example.org>")).startsWith("250 ");
            assertThat(smtp.command("RCPT TO:<bob@remote.example>")).startsWith("250 ");
            assertThat(smtp.command("DATA")).startsWith("354 ");
            assertThat(smtp.command("Subject: over TLS\r\n\r\nHello\r\n.")).startsWith("250 ");
            smtp.command("QUIT");
        }
        ReceivedMessage received = peers.sink().awaitMessage(Duration.ofSeconds(10));
        assertThat(received.dataAsString()).startsWith("Received: from client.example (unknown [127.0.0.1])\r\n"
                + "\t(using TLSv1.3 with cipher TLS_")
                .contains("\tby mailgate.test (Mailgate) with ESMTPS id ");
    }

    private static X509Certificate certificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** Line-by-line SMTP over a socket: a command and its whole reply (lines joined by newlines). */
    private static final class Lines {
        private final BufferedReader in;
        private final OutputStream out;

        Lines(Socket socket) throws IOException {
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            this.out = socket.getOutputStream();
        }

        String command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply();
        }

        String reply() throws IOException {
            StringBuilder reply = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("closed by the gateway after: " + reply);
                }
                reply.append(reply.isEmpty() ? "" : "\n").append(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            return reply.toString();
        }
    }
}
