package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.dns.LoopbackDnsServer;
import org.mailgate.testkit.smtp.RecordingSmtpSink;
import org.mailgate.testkit.smtp.SmtpDialogue;

/** SIGHUP to a gateway in its own JVM reloads the pipeline; an SMTP session open across it goes on. */
class ReloadSignalTest {

    @TempDir
    Path tmp;
    final LoopbackDnsServer dns = LoopbackDnsServer.start();
    final RecordingSmtpSink sink = RecordingSmtpSink.start();
    ServerProcess server;

    @AfterEach
    void stopAll() throws Exception {
        if (server != null) {
            server.close();
        }
        sink.close();
        dns.close();
    }

    Path conf(String rule) throws Exception {
        return new TestConf().dnsServer(dns.hostAndPort()).mxPort(sink.port()).rootMailets("""
                <mailet match="All" class="SetMimeHeader"><name>X-Rule</name><value>%s</value></mailet>"""
                .formatted(rule)).writeTo(tmp.resolve("conf"));
    }

    @Test
    void sighupReloadsThePipelineWithoutDroppingSessions() throws Exception {
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
        server = ServerProcess.start(conf("one"), tmp.resolve("var"));
        InetSocketAddress smtp = server.awaitReady(Duration.ofSeconds(30));
        try (SmtpDialogue client = SmtpDialogue.connect(smtp)) {
            client.expect(220);
            client.ehlo("client.example");
            assertThat(client.sendMail("a@example.org", List.of("bob@remote.example"), "Subject: 1\r\n\r\nx\r\n").code())
                    .isEqualTo(250);
            assertThat(sink.awaitMessage(Duration.ofSeconds(10)).dataAsString()).contains("X-Rule: one");

            conf("two");
            if (hangupIgnoredHere()) {
                // a child inherits an ignored SIGHUP (a build started under nohup): the gateway must say so
                Await.until(Duration.ofSeconds(10), () -> server.output().stream()
                                .anyMatch(l -> l.contains("SIGHUP is ignored in this process")),
                        () -> "the warning about an ignored SIGHUP:\n" + String.join("\n", server.output()));
                return;
            }
            assertThat(new ProcessBuilder("kill", "-HUP", String.valueOf(server.pid())).start().waitFor()).isZero();
            Await.until(Duration.ofSeconds(30), () -> server.output().stream().anyMatch(l -> l.contains("pipeline reloaded")),
                    () -> "the reload logged:\n" + String.join("\n", server.output()));

            sink.clearMessages();
            assertThat(client.sendMail("a@example.org", List.of("bob@remote.example"), "Subject: 2\r\n\r\nx\r\n").code())
                    .as("the session opened before the reload").isEqualTo(250);
            assertThat(sink.awaitMessage(Duration.ofSeconds(10)).dataAsString()).contains("X-Rule: two");
        }
        assertThat(server.terminate(Duration.ofSeconds(60))).isZero();
    }

    /** Whether this JVM (and so the gateway it starts) ignores SIGHUP: bit 1 of SigIgn in /proc/self/status. */
    private static boolean hangupIgnoredHere() throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring("SigIgn:".length()).trim(), 16) & 1L) != 0;
            }
        }
        return false;
    }
}
