package org.mailgate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mailgate.testkit.dns.LoopbackDnsServer;
import org.mailgate.testkit.smtp.RecordingSmtpSink;
import org.mailgate.testkit.smtp.SinkOptions;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/**
 * Load tool: starts the packaged gateway ({@code distribution/target/mailgate/bin/mailgate}) on a
 * throw-away configuration whose RemoteDelivery finds MX hosts through a loopback DNS server, all of
 * them a recording sink, sends messages over parallel SMTP connections, and prints the time to the
 * first 220 banner, the accept rate, the end-to-end rate (until the sink has every message) and the
 * gateway's resident memory. A second run sends each message to 5 recipients in each of 5 domains.
 *
 * <pre>
 * ./mvnw -B -Pbench verify                       # 20,000 x 4 KiB over 20 connections, then 4,000 x 25 recipients
 * ./mvnw -B -Pbench verify -Dbench.messages=50000 -Dbench.connections=40 -Dbench.size=1024 -Dbench.fanout.messages=8000
 * </pre>
 */
public final class LoadBenchmark {

    static final List<String> FANOUT_DOMAINS = List.of("d1.example", "d2.example", "d3.example", "d4.example",
            "d5.example");
    static final List<String> FANOUT_RECIPIENTS = FANOUT_DOMAINS.stream()
            .flatMap(d -> java.util.stream.IntStream.rangeClosed(1, 5).mapToObj(i -> "user" + i + "@" + d)).toList();

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("mailgate.distribution", "target/mailgate")).toAbsolutePath();
        int messages = Integer.getInteger("bench.messages", 20_000);
        int connections = Integer.getInteger("bench.connections", 20);
        int size = Integer.getInteger("bench.size", 4096);
        Path work = Files.createTempDirectory("mailgate-bench");

        int fanoutMessages = Integer.getInteger("bench.fanout.messages", 4_000);
        try (RecordingSmtpSink sink = RecordingSmtpSink.start(SinkOptions.defaults().withRecordContent(false));
             LoopbackDnsServer dns = LoopbackDnsServer.start()) {
            dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
            for (String domain : FANOUT_DOMAINS) {
                dns.mx(domain, 10, "mx." + domain).a("mx." + domain, "127.0.0.1");
            }
            int smtpPort = freePort();
            Path conf = writeConf(work.resolve("conf"), smtpPort, sink.port(), dns.hostAndPort());
            // First start on an empty var/: the JVM also records its class-data archive. Second start: as
            // every later start of an installed gateway.
            List<String> output = new ArrayList<>();
            Launched cold = launch(home, conf, work.resolve("var"), smtpPort, output);
            cold.process().toHandle().destroy();
            cold.process().waitFor();
            output.clear();
            Launched warm = launch(home, conf, work.resolve("var"), smtpPort, output);
            Process gateway = warm.process();
            InetSocketAddress smtp = new InetSocketAddress("127.0.0.1", smtpPort);

            long rssBefore = rssKb(gateway.pid());
            AtomicLong peakRss = new AtomicLong(rssBefore);
            Thread sampler = Thread.ofVirtual().start(() -> sample(gateway.pid(), peakRss));

            byte[] message = message(size);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            long start = System.nanoTime();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                clients.add(Thread.ofPlatform().start(() -> send(smtp, messages, next, refused, message)));
            }
            for (Thread client : clients) {
                client.join();
            }
            long accepted = System.nanoTime();
            sink.awaitMessages(messages - refused.get(), Duration.ofMinutes(10));
            long delivered = System.nanoTime();

            // Fan-out: each message to 5 recipients in each of 5 domains, so 5 SMTP transactions out.
            byte[] fanoutMessage = message(size);
            AtomicInteger fanoutNext = new AtomicInteger();
            AtomicInteger fanoutRefused = new AtomicInteger();
            int before = sink.messageCount();
            long fanoutStart = System.nanoTime();
            List<Thread> fanoutClients = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                fanoutClients.add(Thread.ofPlatform().start(() -> send(smtp, fanoutMessages, fanoutNext, fanoutRefused,
                        fanoutMessage, FANOUT_RECIPIENTS)));
            }
            for (Thread client : fanoutClients) {
                client.join();
            }
            long fanoutAccepted = System.nanoTime();
            int transactions = (fanoutMessages - fanoutRefused.get()) * FANOUT_DOMAINS.size();
            sink.awaitMessages(before + transactions, Duration.ofMinutes(10));
            long fanoutDelivered = System.nanoTime();
            sampler.interrupt();
            long hwm = peakRssKb(gateway.pid());

            gateway.toHandle().destroy();
            int exit = gateway.waitFor();

            double acceptSeconds = (accepted - start) / 1e9;
            double endToEndSeconds = (delivered - start) / 1e9;
            System.out.printf(Locale.ROOT, "%nMailgate load benchmark: %d messages of %d bytes over %d connections%n",
                    messages, size, connections);
            System.out.printf(Locale.ROOT, "  first 220 banner     %6d ms after launch (first start: %d ms)%n",
                    warm.firstBanner(), cold.firstBanner());
            System.out.printf(Locale.ROOT, "  accepted (250)       %8.0f msg/s  (%.2f s, %d refused)%n",
                    (messages - refused.get()) / acceptSeconds, acceptSeconds, refused.get());
            System.out.printf(Locale.ROOT, "  delivered to sink    %8.0f msg/s  (%.2f s from first MAIL to last delivery)%n",
                    (messages - refused.get()) / endToEndSeconds, endToEndSeconds);
            double fanoutAcceptSeconds = (fanoutAccepted - fanoutStart) / 1e9;
            double fanoutSeconds = (fanoutDelivered - fanoutStart) / 1e9;
            System.out.printf(Locale.ROOT, "  fan-out: %d messages, each to %d recipients in %d domains (MX lookups)%n",
                    fanoutMessages, FANOUT_RECIPIENTS.size(), FANOUT_DOMAINS.size());
            System.out.printf(Locale.ROOT, "    accepted (250)     %8.0f msg/s  (%.2f s, %d refused)%n",
                    (fanoutMessages - fanoutRefused.get()) / fanoutAcceptSeconds, fanoutAcceptSeconds,
                    fanoutRefused.get());
            System.out.printf(Locale.ROOT, "    delivered          %8.0f msg/s end to end, %.0f SMTP transactions/s, "
                    + "%.0f recipients/s%n", (fanoutMessages - fanoutRefused.get()) / fanoutSeconds,
                    transactions / fanoutSeconds,
                    (double) (fanoutMessages - fanoutRefused.get()) * FANOUT_RECIPIENTS.size() / fanoutSeconds);
            System.out.printf(Locale.ROOT, "  gateway RSS          %6d MB at start, %d MB peak sampled, %d MB high-water%n",
                    rssBefore / 1024, peakRss.get() / 1024, hwm / 1024);
            System.out.printf(Locale.ROOT, "  exit code on SIGTERM %d%n", exit);
        }
    }

    private record Launched(Process process, long firstBanner) {
    }

    private static Launched launch(Path home, Path conf, Path var, int smtpPort, List<String> output)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/mailgate").toString(), "--conf",
                conf.toString(), "--var", var.toString()).redirectErrorStream(true);
        long launched = System.nanoTime();
        Process gateway = builder.start();
        Thread.ofVirtual().start(() -> pump(gateway, output));
        long banner = firstBanner(launched, gateway, new InetSocketAddress("127.0.0.1", smtpPort), output);
        return new Launched(gateway, banner);
    }

    /** Milliseconds from launch until a connection gets a 220 banner. */
    private static long firstBanner(long launched, Process gateway, InetSocketAddress smtp, List<String> output)
            throws IOException {
        long deadline = launched + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("gateway ended:\n" + String.join("\n", output));
            }
            try (Socket socket = new Socket()) {
                socket.connect(smtp, 1000);
                byte[] banner = new byte[3];
                if (socket.getInputStream().readNBytes(banner, 0, 3) == 3 && banner[0] == '2') {
                    return (System.nanoTime() - launched) / 1_000_000;
                }
            } catch (java.net.ConnectException notYet) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }
        throw new IllegalStateException("no 220 banner within 60 s:\n" + String.join("\n", output));
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static void pump(Process gateway, List<String> output) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(gateway.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.contains(" ERROR ") || line.contains(" WARN ") || line.contains("checkpoints")) {
                    System.out.println("gateway: " + line);
                }
            }
        } catch (IOException ignored) {
            // ended
        }
    }

    private static void send(InetSocketAddress smtp, int total, AtomicInteger next, AtomicInteger refused,
                             byte[] message) {
        send(smtp, total, next, refused, message, List.of("rcpt@remote.example"));
    }

    /** Sends as an MTA does: MAIL, every RCPT and DATA pipelined (RFC 2920), then the content. */
    private static void send(InetSocketAddress smtp, int total, AtomicInteger next, AtomicInteger refused,
                             byte[] message, List<String> recipients) {
        StringBuilder envelope = new StringBuilder("MAIL FROM:<sender@bench.example>\r\n");
        recipients.forEach(r -> envelope.append("RCPT TO:<").append(r).append(">\r\n"));
        String commands = envelope.append("DATA\r\n").toString();
        try (SmtpDialogue client = SmtpDialogue.connect(smtp)) {
            client.expect(220);
            if (!client.ehlo("bench.example").hasKeyword("PIPELINING")) {
                throw new IllegalStateException("the gateway does not offer PIPELINING");
            }
            while (next.getAndIncrement() < total) {
                client.sendRaw(commands);
                boolean accepted = true;
                for (int reply = 0; reply <= recipients.size(); reply++) {
                    accepted &= client.read().code() == 250;
                }
                if (client.read().code() != 354 || !accepted) {
                    refused.incrementAndGet();
                    client.command("RSET");
                    continue;
                }
                SmtpReply reply = client.sendData(message);
                if (reply.code() != 250) {
                    refused.incrementAndGet();
                }
            }
        }
    }

    private static byte[] message(int size) {
        StringBuilder m = new StringBuilder("From: sender@bench.example\r\nTo: rcpt@remote.example\r\n"
                + "Subject: load\r\n\r\n");
        while (m.length() < size - 80) {
            m.append("The quick brown fox jumps over the lazy dog, again and again and again.\r\n");
        }
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void sample(long pid, AtomicLong peak) {
        while (!Thread.currentThread().isInterrupted()) {
            peak.accumulateAndGet(rssKb(pid), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long rssKb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    private static long peakRssKb(long pid) {
        return statusField(pid, "VmHWM:");
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static Path writeConf(Path conf, int smtpPort, int sinkPort, String dnsServer) throws IOException {
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("webadmin.properties"), "port=0\n");
        Files.writeString(conf.resolve("smtpserver.xml"), """
                <smtpservers>
                  <smtpserver>
                    <bind>127.0.0.1:%d</bind>
                    <helloName>bench.test</helloName>
                    <authorizedAddresses>127.0.0.0/8</authorizedAddresses>
                    <connectionLimit>0</connectionLimit>
                  </smtpserver>
                </smtpservers>
                """.formatted(smtpPort));
        Files.writeString(conf.resolve("domainlist.xml"), """
                <domainlist><domainnames><domainname>bench.test</domainname></domainnames></domainlist>
                """);
        Files.writeString(conf.resolve("dnsservice.xml"), """
                <dnsservice><servers><server>%s</server></servers><autodiscover>false</autodiscover></dnsservice>
                """.formatted(dnsServer));
        Files.writeString(conf.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.mailgate" level="WARN"/>
                  <logger name="org.mailgate.app.Main" level="INFO"/><logger name="org.mailgate.spool.GroupSync" level="DEBUG"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        Files.writeString(conf.resolve("mailetcontainer.xml"), """
                <mailetcontainer>
                  <processors>
                    <processor state="root">
                      <mailet match="All" class="ToProcessor"><processor>transport</processor></mailet>
                    </processor>
                    <processor state="transport">
                      <mailet match="All" class="RemoveMimeHeader"><name>bcc</name></mailet>
                      <mailet match="All" class="RemoteDelivery">
                        <mxPort>%d</mxPort>
                        <deliveryThreads>20</deliveryThreads>
                      </mailet>
                    </processor>
                    <processor state="error">
                      <mailet match="All" class="ToRepository"><repositoryPath>file://var/mail/error/</repositoryPath></mailet>
                    </processor>
                  </processors>
                </mailetcontainer>
                """.formatted(sinkPort));
        return conf;
    }
}
