package org.mailgate.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordingSmtpSinkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RecordingSmtpSink sink;

    @BeforeEach
    void startSink() {
        sink = RecordingSmtpSink.start();
    }

    @AfterEach
    void stopSink() {
        sink.close();
    }

    @Test
    void recordsMessageByteExactAfterDotUnstuffing() throws Exception {
        String content = "Subject: dots\r\n"
                + "From: a@example.com\r\n"
                + "\r\n"
                + ".\r\n"
                + "..\r\n"
                + ".hidden line\r\n"
                + "a . in the middle\r\n"
                + "caf\u00e9\r\n";
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);

        try (SmtpDialogue smtp = greeted("client.test")) {
            SmtpReply reply = smtp.sendMail("a@example.com", List.of("b@example.net"), bytes);
            assertThat(reply.code()).isEqualTo(250);
            assertThat(reply.enhancedStatus()).contains("2.0.0");
        }

        ReceivedMessage message = sink.awaitMessage(WAIT);
        assertThat(message.data()).isEqualTo(bytes);
        assertThat(message.dataAsString()).isEqualTo(content);
        assertThat(message.size()).isEqualTo(bytes.length);
        assertThat(message.sha256()).isEqualTo(sha256(bytes));
        assertThat(message.helo()).isEqualTo("client.test");
        assertThat(message.mailFrom()).isEqualTo("a@example.com");
        assertThat(message.rcptTo()).containsExactly("b@example.net");
        assertThat(message.connection()).isEqualTo(1);
        assertThat(message.header("subject")).contains("dots");
        assertThat(message.body()).startsWith(".\r\n..\r\n.hidden line\r\n");
        assertThat(message.contentRecorded()).isTrue();
    }

    @Test
    void recordsEveryRecipientInOrderAndTheNullSender() {
        try (SmtpDialogue smtp = greeted("client.test")) {
            assertThat(smtp.sendMail("", List.of("one@example.net", "Two@Example.net", "three@example.org"),
                    message("bounce")).code()).isEqualTo(250);
        }

        ReceivedMessage message = sink.awaitMessage(WAIT);
        assertThat(message.mailFrom()).isEmpty();
        assertThat(message.rcptTo()).containsExactly("one@example.net", "Two@Example.net", "three@example.org");
    }

    @Test
    void acceptsPipelinedEnvelopeAndDataCommandInOneWrite() {
        try (SmtpDialogue smtp = greeted("pipe.test")) {
            smtp.sendRaw("MAIL FROM:<a@example.com> SIZE=100 BODY=8BITMIME\r\n"
                    + "RCPT TO:<b@example.net>\r\n"
                    + "RCPT TO:<c@example.net> NOTIFY=NEVER\r\n"
                    + "DATA\r\n");
            smtp.expect(250);
            smtp.expect(250);
            smtp.expect(250);
            smtp.expect(354);
            smtp.sendRaw("Subject: pipelined\r\n\r\nbody\r\n.\r\nNOOP\r\nQUIT\r\n");
            smtp.expect(250);
            smtp.expect(250);
            smtp.expect(221);
            smtp.expectClosed();
        }

        ReceivedMessage message = sink.awaitMessage(WAIT);
        assertThat(message.rcptTo()).containsExactly("b@example.net", "c@example.net");
        assertThat(message.dataAsString()).isEqualTo("Subject: pipelined\r\n\r\nbody\r\n");
    }

    @Test
    void recordsTheParametersOfMailAndOfEachAcceptedRcptAsSent() {
        sink.rejectRecipient("refused@example.net", 550, "5.1.1 no such user");
        try (SmtpDialogue smtp = greeted("client.test")) {
            smtp.send("MAIL FROM:<a@example.com> RET=HDRS ENVID=QQ+2B1").expect(250);
            smtp.send("RCPT TO:<b@example.net>").expect(250);
            smtp.send("RCPT TO:<refused@example.net> NOTIFY=NEVER").expect(550);
            smtp.send("RCPT TO:<c@example.net>  NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;C@Example.net").expect(250);
            smtp.send("DATA").expect(354);
            smtp.sendData("Subject: dsn\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        ReceivedMessage message = sink.awaitMessage(WAIT);
        assertThat(message.mailParameters()).isEqualTo("RET=HDRS ENVID=QQ+2B1");
        assertThat(message.mailParameter("envid")).contains("QQ+2B1");
        assertThat(message.mailParameter("SIZE")).isEmpty();
        assertThat(message.rcptParameters()).containsExactly("", "NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;C@Example.net");
        assertThat(message.rcptParameter("c@example.net", "ORCPT")).contains("rfc822;C@Example.net");
        assertThat(message.rcptParameter("b@example.net", "NOTIFY")).isEmpty();
        assertThatThrownBy(() -> message.rcptParameter("refused@example.net", "NOTIFY"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failNextMessagesRefusesThatManyThenAccepts() {
        sink.failNextMessages(1, 451, "4.3.0 try again later");
        sink.failNextMessages(1, 554, "5.0.0 no thanks");

        try (SmtpDialogue smtp = greeted("client.test")) {
            SmtpReply first = smtp.sendMail("a@example.com", List.of("b@example.net"), message("one"));
            SmtpReply second = smtp.sendMail("a@example.com", List.of("b@example.net"), message("two"));
            SmtpReply third = smtp.sendMail("a@example.com", List.of("b@example.net"), message("three"));

            assertThat(first.code()).isEqualTo(451);
            assertThat(first.enhancedStatus()).contains("4.3.0");
            assertThat(first.isTransientFailure()).isTrue();
            assertThat(second.code()).isEqualTo(554);
            assertThat(second.isPermanentFailure()).isTrue();
            assertThat(third.code()).isEqualTo(250);
        }

        assertThat(sink.awaitMessages(1, WAIT)).extracting(m -> m.header("Subject").orElseThrow())
                .containsExactly("three");
        assertThat(sink.rejectedCount()).isEqualTo(2);
        assertThat(sink.messageCount()).isEqualTo(1);
    }

    @Test
    void rejectRecipientRefusesThatAddressCaseInsensitivelyUntilCleared() {
        sink.rejectRecipient("Nobody@Example.net", 550, "5.1.1 no such user");

        try (SmtpDialogue smtp = greeted("client.test")) {
            smtp.send("MAIL FROM:<a@example.com>").expect(250);
            SmtpReply refused = smtp.send("RCPT TO:<nobody@EXAMPLE.net>").expect(550);
            assertThat(refused.enhancedStatus()).contains("5.1.1");
            assertThat(refused.text()).isEqualTo("5.1.1 no such user");
            smtp.send("RCPT TO:<somebody@example.net>").expect(250);
            smtp.send("DATA").expect(354);
            assertThat(smtp.sendData(message("partly").getBytes(StandardCharsets.UTF_8)).code()).isEqualTo(250);

            sink.clearScript();
            assertThat(smtp.sendMail("a@example.com", List.of("nobody@example.net"), message("later")).code())
                    .isEqualTo(250);
        }

        List<ReceivedMessage> messages = sink.awaitMessages(2, WAIT);
        assertThat(messages.get(0).rcptTo()).containsExactly("somebody@example.net");
        assertThat(messages.get(1).rcptTo()).containsExactly("nobody@example.net");
    }

    @Test
    void dropConnectionDuringDataClosesWithoutReplyAndRecordsNothing() {
        sink.dropConnectionDuringData(1);

        try (SmtpDialogue smtp = greeted("client.test")) {
            smtp.send("MAIL FROM:<a@example.com>").expect(250);
            smtp.send("RCPT TO:<b@example.net>").expect(250);
            smtp.send("DATA").expect(354);
            smtp.sendRaw("Subject: lost\r\n");
            smtp.expectClosed();
            assertThat(smtp.closedByServer()).isTrue();
        }
        assertThat(sink.messageCount()).isZero();

        try (SmtpDialogue smtp = greeted("client.test")) {
            assertThat(smtp.sendMail("a@example.com", List.of("b@example.net"), message("kept")).code())
                    .isEqualTo(250);
        }
        assertThat(sink.awaitMessages(1, WAIT)).singleElement()
                .satisfies(m -> assertThat(m.header("Subject")).contains("kept"));
        assertThat(sink.rejectedCount()).isZero();
    }

    @Test
    void stopRefusesConnectionsAndRestartListensOnTheSamePort() {
        int port = sink.port();
        SmtpDialogue idle = greeted("idle.test");
        try (SmtpDialogue smtp = greeted("client.test")) {
            assertThat(smtp.sendMail("a@example.com", List.of("b@example.net"), message("before")).code())
                    .isEqualTo(250);
        }
        sink.awaitMessage(WAIT);

        sink.stop();

        assertThat(sink.isRunning()).isFalse();
        idle.expectClosed();
        idle.close();
        assertThatThrownBy(() -> SmtpDialogue.connect(sink.address()))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(ConnectException.class);

        sink.restart();

        assertThat(sink.port()).isEqualTo(port);
        try (SmtpDialogue smtp = greeted("client.test")) {
            assertThat(smtp.sendMail("a@example.com", List.of("b@example.net"), message("after")).code())
                    .isEqualTo(250);
        }
        assertThat(sink.awaitMessages(2, WAIT)).extracting(m -> m.header("Subject").orElseThrow())
                .containsExactly("before", "after");
        assertThat(sink.connectionCount()).isEqualTo(3);
    }

    @Test
    void twentyConcurrentClientsOfFiftyMessagesAreAllRecorded() throws Exception {
        int clients = 20;
        int perClient = 50;
        List<Future<?>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                String client = "c" + c;
                results.add(executor.submit(() -> {
                    try (SmtpDialogue smtp = greeted(client + ".test")) {
                        for (int m = 0; m < perClient; m++) {
                            SmtpReply reply = smtp.sendMail("a@example.com", List.of(client + "@example.net"),
                                    message(client + "-" + m));
                            if (reply.code() != 250) {
                                throw new AssertionError("message " + m + " of " + client + ": " + reply);
                            }
                        }
                        smtp.send("QUIT").expect(221);
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        }

        List<ReceivedMessage> messages = sink.awaitMessages(clients * perClient, WAIT);
        assertThat(messages).hasSize(clients * perClient);
        Set<String> expected = new HashSet<>();
        for (int c = 0; c < clients; c++) {
            for (int m = 0; m < perClient; m++) {
                expected.add("c" + c + "-" + m);
            }
        }
        assertThat(messages).extracting(m -> m.header("Subject").orElseThrow())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(messages).allSatisfy(m -> assertThat(m.rcptTo())
                .containsExactly(m.helo().replace(".test", "") + "@example.net"));
        assertThat(messages).extracting(ReceivedMessage::connection).containsOnly(
                java.util.stream.IntStream.rangeClosed(1, clients).boxed().toArray(Integer[]::new));
        assertThat(sink.connectionCount()).isEqualTo(clients);
    }

    @Test
    void withoutContentRecordingKeepsSizeAndHash() throws Exception {
        try (RecordingSmtpSink blind = RecordingSmtpSink.start(SinkOptions.builder().recordContent(false).build());
             SmtpDialogue smtp = SmtpDialogue.connect(blind.address())) {
            byte[] content = ("Subject: big\r\n\r\n" + "line of text\r\n".repeat(10_000) + ".dot\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            smtp.expect(220);
            smtp.ehlo("client.test");
            assertThat(smtp.sendMail("a@example.com", List.of("b@example.net"), content).code()).isEqualTo(250);

            ReceivedMessage message = blind.awaitMessage(WAIT);
            assertThat(message.data()).isEmpty();
            assertThat(message.size()).isEqualTo(content.length);
            assertThat(message.sha256()).isEqualTo(sha256(content));
            assertThat(message.contentRecorded()).isFalse();
        }
    }

    @Test
    void contentEndsOnlyAtCrlfDotCrlfAndLinesLongerThanASegmentStayExact() {
        String longLine = "x".repeat(8191) + "\r\n";
        String raw = "Subject: edges\r\n\r\n"
                + "bare\n.\r\n"
                + longLine
                + "..after long line\r\n"
                + "y".repeat(100_000) + "\r\n"
                + ".\r\n";
        try (SmtpDialogue smtp = greeted("client.test")) {
            smtp.send("MAIL FROM:<a@example.com>").expect(250);
            smtp.send("RCPT TO:<b@example.net>").expect(250);
            smtp.send("DATA").expect(354);
            smtp.sendRaw(raw).expect(250);
        }

        assertThat(sink.awaitMessage(WAIT).dataAsString()).isEqualTo("Subject: edges\r\n\r\n"
                + "bare\n.\r\n"
                + longLine
                + ".after long line\r\n"
                + "y".repeat(100_000) + "\r\n");
    }

    @Test
    void greetsAdvertisesKeywordsAndEnforcesCommandOrder() {
        try (RecordingSmtpSink custom = RecordingSmtpSink.start(SinkOptions.builder()
                .greetingName("mx.sink.test").ehloKeywords("PIPELINING", "SIZE 1000").build());
             SmtpDialogue smtp = SmtpDialogue.connect(custom.address())) {
            assertThat(smtp.expect(220).text()).startsWith("mx.sink.test ");
            assertThat(smtp.send("MAIL FROM:<a@example.com>").expect(503).text()).doesNotContain("5.5.1");

            SmtpReply ehlo = smtp.ehlo("client.test");
            assertThat(ehlo.lines()).containsExactly("mx.sink.test", "PIPELINING", "SIZE 1000");
            assertThat(ehlo.hasKeyword("size")).isTrue();
            assertThat(ehlo.hasKeyword("8BITMIME")).isFalse();

            smtp.send("RCPT TO:<b@example.net>").expect(503);
            smtp.send("DATA").expect(503);
            smtp.send("VRFY someone").expect(500);
            smtp.send("MAIL FROM:<a@example.com>").expect(250);
            smtp.send("DATA").expect(554);
            smtp.send("RSET").expect(250);
            smtp.send("HELO client.test").expect(250);
            smtp.send("NOOP").expect(250);
            smtp.send("X".repeat(5000)).expect(500);
            smtp.send("QUIT").expect(221);
            smtp.expectClosed();
        }
    }

    @Test
    void awaitMessagesFailsSayingWhatArrived() {
        try (SmtpDialogue smtp = greeted("client.test")) {
            assertThat(smtp.sendMail("a@example.com", List.of("b@example.net"), message("only one")).code())
                    .isEqualTo(250);
        }

        assertThatThrownBy(() -> sink.awaitMessages(2, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("at least 2")
                .hasMessageContaining("but 1 arrived")
                .hasMessageContaining("only one");

        sink.clearMessages();
        assertThat(sink.messages()).isEmpty();
    }

    private SmtpDialogue greeted(String helo) {
        SmtpDialogue smtp = SmtpDialogue.connect(sink.address());
        smtp.expect(220);
        smtp.ehlo(helo);
        return smtp;
    }

    private static String message(String subject) {
        return "From: a@example.com\r\nSubject: " + subject + "\r\n\r\nHello.\r\n";
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void sinksOnOtherLoopbackAddressesShareOnePortButNeverLeaveLoopback() {
        try (RecordingSmtpSink a = RecordingSmtpSink.start(SinkOptions.defaults(), "127.0.0.2");
             RecordingSmtpSink b = RecordingSmtpSink.start(SinkOptions.builder().port(a.port()).build(), "127.0.0.3")) {
            assertThat(b.port()).isEqualTo(a.port());
            assertThat(a.address().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
            assertThat(b.address().getAddress().getHostAddress()).isEqualTo("127.0.0.3");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordingSmtpSink.start(SinkOptions.defaults(), "192.0.2.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.0/8");
    }
}
