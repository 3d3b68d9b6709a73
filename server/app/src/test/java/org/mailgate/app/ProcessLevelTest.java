package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.testkit.dns.LoopbackDnsServer;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.RecordingSmtpSink;
import org.mailgate.testkit.smtp.SinkOptions;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/**
 * Mailgate in a JVM of its own: the heap limit, SIGTERM and {@code kill -9} are real.
 */
class ProcessLevelTest {

    @TempDir
    Path tmp;
    LoopbackDnsServer dns;
    RecordingSmtpSink sink;
    final List<ServerProcess> servers = new ArrayList<>();

    @BeforeEach
    void startPeers() {
        dns = LoopbackDnsServer.start();
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
    }

    @AfterEach
    void stopAll() throws Exception {
        for (ServerProcess server : servers) {
            server.close();
        }
        if (sink != null) {
            sink.close();
        }
        dns.close();
    }

    ServerProcess server(Path conf, String... jvmOptions) throws IOException {
        ServerProcess server = ServerProcess.start(conf, tmp.resolve("var"), jvmOptions);
        servers.add(server);
        return server;
    }

    @Test
    void sigtermStopsCleanlyWithExitCodeZero() throws Exception {
        sink = RecordingSmtpSink.start();
        Path conf = new TestConf().dnsServer(dns.hostAndPort()).mxPort(sink.port()).writeTo(tmp.resolve("conf"));
        ServerProcess server = server(conf);
        InetSocketAddress smtp = server.awaitReady(Duration.ofSeconds(30));
        try (SmtpDialogue client = SmtpDialogue.connect(smtp)) {
            client.expect(220);
            client.ehlo("client.example");
            assertThat(client.sendMail("a@example.org", List.of("bob@remote.example"), "Subject: x\r\n\r\ny\r\n").code())
                    .isEqualTo(250);
        }
        sink.awaitMessage(Duration.ofSeconds(10));
        assertThat(server.terminate(Duration.ofSeconds(60))).isZero();
        assertThat(server.output()).anyMatch(line -> line.contains("Mailgate stopped"));
    }

    @Test
    void aHundredMebibyteMessageGoesThroughWithA256MebibyteHeap() throws Exception {
        sink = RecordingSmtpSink.start(SinkOptions.defaults().withRecordContent(false));
        Path conf = new TestConf().dnsServer(dns.hostAndPort()).mxPort(sink.port()).maxMessageSize("200M")
                .writeTo(tmp.resolve("conf"));
        ServerProcess server = server(conf, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
        InetSocketAddress smtp = server.awaitReady(Duration.ofSeconds(30));

        long bodyLines = 100L * 1024 * 1024 / 100;
        SmtpReply reply;
        try (SmtpDialogue client = SmtpDialogue.connect(smtp).readTimeout(Duration.ofMinutes(2))) {
            client.expect(220);
            client.ehlo("client.example");
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<bob@remote.example>");
            client.send("DATA").expect(354);
            byte[] headers = "Subject: large\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            client.sendRaw(headers);
            byte[] line = ("0123456789".repeat(9) + "abcdefgh\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] chunk = new byte[line.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(line, 0, chunk, i * line.length, line.length);
            }
            for (long i = 0; i < bodyLines / 1000; i++) {
                client.sendRaw(chunk);
            }
            client.sendRaw(".\r\n");
            reply = client.read();
        }
        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        ReceivedMessage received = sink.awaitMessage(Duration.ofMinutes(2));
        long contentSize = 18 + bodyLines / 1000 * 1000 * 100;
        assertThat(received.size()).as("content plus a Received header")
                .isGreaterThan(contentSize).isLessThan(contentSize + 512);
        assertThat(server.output()).noneMatch(l -> l.contains("OutOfMemoryError"));
        assertThat(server.terminate(Duration.ofSeconds(60))).isZero();
    }

    @Test
    void afterKillNineEveryAcceptedMessageIsDelivered() throws Exception {
        sink = RecordingSmtpSink.start();
        Path conf = new TestConf().dnsServer(dns.hostAndPort()).mxPort(sink.port()).writeTo(tmp.resolve("conf"));
        ServerProcess first = server(conf);
        InetSocketAddress smtp = first.awaitReady(Duration.ofSeconds(30));

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger counter = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            clients.add(Thread.ofVirtual().start(() -> sendUntilStopped(smtp, running, counter, accepted)));
        }
        org.mailgate.testkit.Await.until(Duration.ofSeconds(30), () -> accepted.size() >= 300,
                () -> "300 messages accepted before the crash");
        first.kill();
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
        int acceptedBeforeCrash = accepted.size();

        ServerProcess second = server(conf);
        second.awaitReady(Duration.ofSeconds(30));
        org.mailgate.testkit.Await.until(Duration.ofSeconds(60), () -> deliveredTokens().containsAll(accepted),
                () -> "all " + acceptedBeforeCrash + " accepted messages delivered; missing: "
                        + missing(accepted));
        Map<String, Integer> counts = new HashMap<>();
        for (ReceivedMessage m : sink.messages()) {
            counts.merge(token(m), 1, Integer::sum);
        }
        long duplicates = counts.values().stream().filter(n -> n > 1).count();
        System.out.printf("kill -9 test: %d messages accepted before the crash, all delivered; %d delivered twice%n",
                acceptedBeforeCrash, duplicates);
        assertThat(second.terminate(Duration.ofSeconds(60))).isZero();
    }

    private static void sendUntilStopped(InetSocketAddress smtp, AtomicBoolean running, AtomicInteger counter,
                                         Set<String> accepted) {
        while (running.get()) {
            try (SmtpDialogue client = SmtpDialogue.connect(smtp)) {
                client.expect(220);
                client.ehlo("client.example");
                while (running.get()) {
                    String token = "token-" + counter.incrementAndGet();
                    SmtpReply reply = client.sendMail("a@example.org", List.of("bob@remote.example"),
                            "Subject: " + token + "\r\nX-Token: " + token + "\r\n\r\n" + ("x".repeat(78) + "\r\n").repeat(25));
                    if (reply.code() == 250) {
                        accepted.add(token);
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                // the server was killed under us: whatever got no 250 is not owed
            }
        }
    }

    private Set<String> deliveredTokens() {
        Set<String> tokens = new java.util.HashSet<>();
        for (ReceivedMessage m : sink.messages()) {
            tokens.add(token(m));
        }
        return tokens;
    }

    private List<String> missing(Set<String> accepted) {
        List<String> missing = new ArrayList<>(accepted);
        missing.removeAll(deliveredTokens());
        Collections.sort(missing);
        return missing.size() > 20 ? missing.subList(0, 20) : missing;
    }

    private static String token(ReceivedMessage m) {
        return m.header("X-Token").orElse("?");
    }
}
