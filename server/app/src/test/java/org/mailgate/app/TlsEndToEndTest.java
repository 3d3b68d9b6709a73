package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.SmtpDialogue;

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
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            assertThat(smtp.ehlo("client.example").hasKeyword("STARTTLS")).isTrue();
            assertThat(smtp.startTls(peers.gateway().trustingGeneratedCertificate("mailgate.test")).text())
                    .isEqualTo("2.0.0 Ready to start TLS");
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("alice@example.org", List.of("bob@remote.example"),
                    "Subject: over TLS\r\n\r\nHello\r\n").code()).isEqualTo(250);
            smtp.send("QUIT").expect(221);
        }
        ReceivedMessage received = peers.sink().awaitMessage(Duration.ofSeconds(10));
        assertThat(received.dataAsString()).startsWith("Received: from client.example (unknown [127.0.0.1])\r\n"
                + "\t(using TLSv1.3 with cipher TLS_")
                .contains("\tby mailgate.test (Mailgate) with ESMTPS id ");
    }
}
