package org.mailgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.AddressException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.delivery.RetrySchedule;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.HeaderSection;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.delivery.mime.MimeContent;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.RecordingSmtpSink;
import org.mailgate.testkit.smtp.SinkOptions;

/**
 * Remote delivery of 8-bit mail (RFC 6152) and of mail whose addresses need SMTPUTF8 (RFC 6531), to
 * servers that offer those extensions and to servers that do not.
 */
class EightBitDeliveryTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final String MIXED = "From: alice@example.org\r\nTo: bob@remote.example\r\nSubject: report\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Grüße, the figures are attached.\r\n"
            + "--b\r\nContent-Type: text/csv; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Stadt;Einwohner\r\nMünchen;1512491\r\n"
            + "--b--\r\n";
    static final String SEVEN_BIT = "From: alice@example.org\r\nSubject: plain\r\n\r\nplain text\r\n";

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final StaticDns dns = new StaticDns().mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
    final RecordingStore store = new RecordingStore();
    final RemoteDeliveryService service = new RemoteDeliveryService(store, store, dns, clock,
            DeliveryDefaults.of("gate.test", address("postmaster@gate.test")), MailMetrics.NONE);
    RecordingSmtpSink sink;

    @AfterEach
    void stop() {
        service.stop();
        if (sink != null) {
            sink.close();
        }
    }

    RecordingSmtpSink sink(String... ehloKeywords) {
        sink = RecordingSmtpSink.start(SinkOptions.builder().ehloKeywords(ehloKeywords).build());
        return sink;
    }

    static DeliverySettings settings(int port) {
        return new DeliverySettings("outgoing", RetrySchedule.parse("1 minute, 5 minutes", 5), List.of(),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5), Optional.empty(), Optional.empty(), 4,
                port);
    }

    static MailAddress address(String s) {
        try {
            return new MailAddress(s);
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * An address as SMTPUTF8 carries it ({@code shown}, not ASCII). James's MailAddress refuses such
     * addresses when parsing, so this one parses {@code ascii} and shows itself as {@code shown}.
     */
    static MailAddress utf8Address(String ascii, String shown) {
        try {
            return new MailAddress(ascii) {
                private static final long serialVersionUID = 1L;

                @Override
                public String asString() {
                    return shown;
                }
            };
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static MessageParts parts(byte[] message) throws Exception {
        HeaderSection.Split split = HeaderSection.split(new ByteArrayInputStream(message), 1 << 20);
        return new MessageParts(split.headers(), new ByteArrayBodySource(split.body().readAllBytes()));
    }

    OutgoingMail entry(long id, MailAddress sender, String message, MailAddress... recipients) throws Exception {
        OutgoingMail mail = new OutgoingMail(id, new QueueId(id), "mail-" + id, "outgoing", MaybeSender.of(sender),
                List.of(recipients), 0, NOW, parts(message.getBytes(StandardCharsets.UTF_8)), false);
        store.put(mail);
        return mail;
    }

    AttemptOutcome deliver(OutgoingMail mail, int port) {
        store.declare(settings(port));
        service.deliver(mail.entryId());
        return store.outcomes.get(store.outcomes.size() - 1);
    }

    /** The human-readable part of a report, decoded, then its delivery-status part. */
    static String report(org.apache.mailet.Mail mail) throws Exception {
        jakarta.mail.Multipart report = (jakarta.mail.Multipart) mail.getMessage().getContent();
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        report.getBodyPart(1).getInputStream().transferTo(status);
        return report.getBodyPart(0).getContent() + "\n" + status.toString(StandardCharsets.UTF_8);
    }

    @Test
    void toAServerWithout8BitMimeEightBitPartsArriveReEncodedWithTheSameContent() throws Exception {
        sink("PIPELINING", "SIZE", "ENHANCEDSTATUSCODES");
        AttemptOutcome outcome = deliver(entry(1, address("alice@example.org"), MIXED, address("bob@remote.example")),
                sink.port());

        assertThat(outcome.delivered().recipients()).extracting(MailAddress::asString).containsExactly("bob@remote.example");
        byte[] received = sink.awaitMessage(Duration.ofSeconds(5)).data();
        MimeContent.assertSevenBit(received);
        MimeContent.assertSameDecodedContent(MIXED.getBytes(StandardCharsets.UTF_8), received);
        assertThat(new String(received, StandardCharsets.US_ASCII))
                .contains("Content-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=BC=C3=9Fe, the figures are attached.")
                .contains("M=C3=BCnchen;1512491\r\n--b--\r\n");
    }

    @Test
    void toAServerWith8BitMimeTheMessageArrivesUnchanged() throws Exception {
        sink("PIPELINING", "8BITMIME", "SIZE", "ENHANCEDSTATUSCODES");
        deliver(entry(1, address("alice@example.org"), MIXED, address("bob@remote.example")), sink.port());

        assertThat(sink.awaitMessage(Duration.ofSeconds(5)).data()).isEqualTo(MIXED.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mailSaysBody8BitMimeForEightBitDataOnlyAndOnlyToAServerThatOffersIt() throws Exception {
        try (CommandRecordingPeer with = new CommandRecordingPeer("8BITMIME", "SIZE");
             CommandRecordingPeer without = new CommandRecordingPeer("SIZE")) {
            deliver(entry(1, address("alice@example.org"), MIXED, address("bob@remote.example")), with.port());
            deliver(entry(2, address("alice@example.org"), SEVEN_BIT, address("bob@remote.example")), with.port());
            deliver(entry(3, address("alice@example.org"), MIXED, address("bob@remote.example")), without.port());

            long size = MIXED.getBytes(StandardCharsets.UTF_8).length;
            assertThat(with.mailCommands()).containsExactly(
                    "MAIL FROM:<alice@example.org> SIZE=" + size + " BODY=8BITMIME",
                    "MAIL FROM:<alice@example.org> SIZE=" + SEVEN_BIT.length());
            assertThat(without.mailCommands()).containsExactly("MAIL FROM:<alice@example.org> SIZE=" + size);
        }
    }

    @Test
    void eightBitDataThatCannotBeConvertedFailsAtOnceWithAReportSayingWhy() throws Exception {
        sink("PIPELINING", "SIZE", "ENHANCEDSTATUSCODES");
        String message = "From: alice@example.org\r\nSubject: Grüße\r\nMIME-Version: 1.0\r\n\r\nhello\r\n";
        AttemptOutcome outcome = deliver(entry(1, address("alice@example.org"), message,
                address("bob@remote.example"), address("carol@remote.example")), sink.port());

        assertThat(outcome.deferred()).isEmpty();
        assertThat(outcome.failure().recipients()).extracting(MailAddress::asString)
                .containsExactly("bob@remote.example", "carol@remote.example");
        String report = report(outcome.failure().report().orElseThrow());
        assertThat(report).contains("Status: 5.6.3")
                .contains("5.6.3 message has 8-bit data and host mx.remote.example[127.0.0.1]:" + sink.port()
                        + " does not offer 8BITMIME, but it cannot be converted to 7-bit: the header field Subject of the"
                        + " message holds 8-bit data")
                .doesNotContain("Diagnostic-Code");
        assertThat(sink.messageCount()).isZero();
    }

    @Test
    void aRecipientWhoseAddressNeedsSmtpUtf8FailsAloneAtAServerWithoutIt() throws Exception {
        sink("PIPELINING", "8BITMIME", "SIZE", "ENHANCEDSTATUSCODES");
        AttemptOutcome outcome = deliver(entry(1, address("alice@example.org"), SEVEN_BIT,
                utf8Address("rene@remote.example", "rené@remote.example"), address("bob@remote.example")), sink.port());

        assertThat(sink.awaitMessage(Duration.ofSeconds(5)).rcptTo()).containsExactly("bob@remote.example");
        assertThat(outcome.delivered().recipients()).extracting(MailAddress::asString).containsExactly("bob@remote.example");
        assertThat(outcome.failure().recipients()).extracting(MailAddress::asString).containsExactly("rené@remote.example");
        String report = report(outcome.failure().report().orElseThrow());
        assertThat(report).contains("Status: 5.6.7")
                .contains("<rené@remote.example>: 5.6.7 SMTPUTF8 is required, but was not offered by host "
                        + "mx.remote.example[127.0.0.1]:" + sink.port())
                .doesNotContain("bob@remote.example>:");
    }

    @Test
    void aSenderAddressThatNeedsSmtpUtf8FailsEveryRecipientAndLeavesTheConnectionForTheNextMessage() throws Exception {
        sink("PIPELINING", "8BITMIME", "SIZE", "ENHANCEDSTATUSCODES");
        AttemptOutcome outcome = deliver(entry(1, utf8Address("jose@example.org", "josé@example.org"), SEVEN_BIT,
                address("bob@remote.example"), address("carol@remote.example")), sink.port());
        assertThat(outcome.failure().recipients()).hasSize(2);
        assertThat(outcome.failure().reason()).contains("SMTPUTF8 is required");

        deliver(entry(2, address("alice@example.org"), SEVEN_BIT, address("dan@remote.example")), sink.port());
        assertThat(sink.awaitMessage(Duration.ofSeconds(5)).rcptTo()).containsExactly("dan@remote.example");
        assertThat(sink.messageCount()).isEqualTo(1);
        assertThat(sink.connectionCount()).isEqualTo(1);
    }

    @Test
    void toAServerOfferingSmtpUtf8MailSaysSo() throws Exception {
        try (CommandRecordingPeer peer = new CommandRecordingPeer("8BITMIME", "SMTPUTF8")) {
            AttemptOutcome outcome = deliver(entry(1, address("alice@example.org"), MIXED,
                    utf8Address("rene@remote.example", "rené@remote.example"), address("bob@remote.example")),
                    peer.port());

            assertThat(outcome.failure().recipients()).isEmpty();
            assertThat(peer.commands()).contains("MAIL FROM:<alice@example.org> BODY=8BITMIME SMTPUTF8",
                    "RCPT TO:<rené@remote.example>", "RCPT TO:<bob@remote.example>");
        }
    }
}
