package org.mailgate.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.tls.TestCertificate;

/** {@link SmtpDialogue} over TLS, against the recording sink's STARTTLS and implicit TLS. */
class SmtpDialogueTlsTest {

    private final TestCertificate certificate = TestCertificate.load();

    @Test
    void startTlsUpgradesTheDialogueAndEverythingAfterItGoesOverTls() throws Exception {
        try (RecordingSmtpSink sink = RecordingSmtpSink.start(SinkOptions.builder()
                .tls(SinkTls.startTls(certificate.serverContext())).build());
             SmtpDialogue smtp = SmtpDialogue.connect(sink.address())) {
            smtp.expect(220);
            assertThat(smtp.ehlo("client.test").hasKeyword("STARTTLS")).isTrue();
            assertThat(smtp.tlsSession()).isEmpty();
            smtp.startTls(certificate.clientContext());
            assertThat(smtp.tlsSession().orElseThrow().getProtocol()).startsWith("TLSv1.");
            assertThat(smtp.tlsSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(certificate.certificate());
            assertThat(smtp.ehlo("client.test").hasKeyword("STARTTLS")).isFalse();
            assertThat(smtp.sendMail("a@example.org", List.of("b@example.com"), "Subject: s\r\n\r\nx\r\n").code())
                    .isEqualTo(250);
            assertThatThrownBy(() -> smtp.startTls(certificate.clientContext()))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(sink.awaitMessage(Duration.ofSeconds(10)).overTls()).isTrue();
        }
    }

    @Test
    void connectTlsHandshakesBeforeTheGreeting() {
        try (RecordingSmtpSink sink = RecordingSmtpSink.start(SinkOptions.builder()
                .tls(SinkTls.implicit(certificate.serverContext())).build());
             SmtpDialogue smtp = SmtpDialogue.connectTls(sink.address(), certificate.clientContext())) {
            assertThat(smtp.tlsSession()).isPresent();
            smtp.expect(220);
            smtp.ehlo("client.test");
            assertThat(smtp.sendMail("a@example.org", List.of("b@example.com"), "Subject: s\r\n\r\nx\r\n").code())
                    .isEqualTo(250);
            assertThat(sink.awaitMessage(Duration.ofSeconds(10)).overTls()).isTrue();
        }
    }

    @Test
    void aServerCertificateTheClientDoesNotTrustFailsTheHandshake() throws Exception {
        SSLContext jdkDefaults = SSLContext.getDefault();
        try (RecordingSmtpSink sink = RecordingSmtpSink.start(SinkOptions.builder()
                .tls(SinkTls.startTls(certificate.serverContext())).build());
             SmtpDialogue smtp = SmtpDialogue.connect(sink.address())) {
            smtp.expect(220);
            smtp.ehlo("client.test");
            assertThatThrownBy(() -> smtp.startTls(jdkDefaults)).isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(SSLHandshakeException.class);
        }
        try (RecordingSmtpSink sink = RecordingSmtpSink.start(SinkOptions.builder()
                .tls(SinkTls.implicit(certificate.serverContext())).build())) {
            assertThatThrownBy(() -> SmtpDialogue.connectTls(sink.address(), jdkDefaults))
                    .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aRefusedStartTlsIsAnAssertionError() {
        try (RecordingSmtpSink sink = RecordingSmtpSink.start();
             SmtpDialogue smtp = SmtpDialogue.connect(sink.address())) {
            smtp.expect(220);
            smtp.ehlo("client.test");
            assertThatThrownBy(() -> smtp.startTls(certificate.clientContext())).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected 220 after 'STARTTLS'");
            assertThat(smtp.tlsSession()).isEmpty();
        }
    }
}
