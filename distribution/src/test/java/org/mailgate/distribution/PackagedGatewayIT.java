package org.mailgate.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.dns.LoopbackDnsServer;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.RecordingSmtpSink;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * The packaged gateway, as an admin runs it: {@code bin/mailgate} on a test configuration delivers a
 * message and stops on SIGTERM with exit code 0. It also proves that {@code lib/} is lean: every jar in
 * it has classes loaded during that run.
 */
class PackagedGatewayIT {

    private static final Pattern READY = Pattern.compile("ready in \\d+ ms: SMTP on \\[/?([0-9.]+):(\\d+)");
    private static final Pattern LOADED_FROM = Pattern.compile("source: (?:jar:)?file:(\\S+?\\.jar)");

    /** Jars that a smoke run does not touch but that a running gateway needs; each with the reason. */
    private static final Map<String, String> NEEDED_BEYOND_THE_SMOKE_RUN = Map.of(
            "angus-activation-", "Jakarta Activation's implementation: loaded as soon as a mailet reads or builds "
                    + "message content (bounce reports, footers); the smoke message only has a header removed",
            "commons-lang3-", "used by the Mailet API itself (GenericMailet's boolean parameters, attribute values "
                    + "in JSON, DSN parameters); the smoke run's attributes take Mailgate's shorter path",
            "LatencyUtils-", "Micrometer's pause detector, loaded with the first Timer (jvm_gc_pause at the first "
                    + "garbage collection, which a short smoke run may not have)",
            "HdrHistogram-", "what LatencyUtils and Micrometer's percentile histograms are built on",
            "micrometer-observation-", "part of micrometer-core's API (Observation-based timers); a scrape of "
                    + "counters and gauges, which the smoke run does, loads nothing from it",
            "prometheus-metrics-core-", "the Prometheus client's histograms and exemplars under the registry: "
                    + "the smoke run scrapes /metrics, but its counters and gauges do not need them",
            "prometheus-metrics-tracer-common-", "the exemplar span types of the Prometheus client, for "
                    + "exemplars on histograms; not touched by a scrape of counters and gauges");

    @TempDir
    Path tmp;
    Path home = Path.of(System.getProperty("mailgate.distribution", "target/mailgate")).toAbsolutePath();
    LoopbackDnsServer dns;
    RecordingSmtpSink sink;
    Process process;
    final List<String> output = new ArrayList<>();

    @BeforeEach
    void startPeers() {
        dns = LoopbackDnsServer.start();
        sink = RecordingSmtpSink.start();
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
    }

    @AfterEach
    void stopAll() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        sink.close();
        dns.close();
    }

    @Test
    void thePackageHasTheExpectedLayout() {
        assertThat(home.resolve("bin/mailgate")).isExecutable();
        assertThat(home.resolve("conf")).isDirectoryContaining(p -> p.getFileName().toString().equals("mailetcontainer.xml"));
        assertThat(home.resolve("lib")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("mailgate-app"));
        Path archive = home.getParent().resolve("mailgate-" + version() + ".tar.gz");
        assertThat(archive).isRegularFile();
    }

    @Test
    void theDefaultConfigurationIsValid() throws Exception {
        Process check = new ProcessBuilder(home.resolve("bin/mailgate").toString(), "check").redirectErrorStream(true)
                .start();
        String text = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(text).isZero();
        assertThat(text).contains("is valid");
    }

    @Test
    void checkListsEveryErrorWithFileAndLine() throws Exception {
        Path conf = writeConf(tmp.resolve("conf"));
        Files.writeString(conf.resolve("smtpserver.xml"), """
                <smtpservers>
                  <smtpserver>
                    <bind>127.0.0.1:0</bind>
                    <maxmesagesize>10</maxmesagesize>
                  </smtpserver>
                </smtpservers>
                """);
        Files.writeString(conf.resolve("mailetcontainer.xml"), Files.readString(conf.resolve("mailetcontainer.xml"))
                .replace("class=\"RemoveMimeHeader\"", "class=\"RemoveMimeHeaders\""));
        Process check = new ProcessBuilder(home.resolve("bin/mailgate").toString(), "check", "--conf", conf.toString())
                .redirectErrorStream(true).start();
        String text = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(text).isEqualTo(1);
        assertThat(text).contains("conf/smtpserver.xml:4: unknown element <maxmesagesize> in <smtpserver>");
        assertThat(text).contains("conf/mailetcontainer.xml:").contains("unknown mailet 'RemoveMimeHeaders'");
    }

    @Test
    void theGatewayDeliversAMessageAndStopsCleanlyOnSigterm() throws Exception {
        Path conf = writeConf(tmp.resolve("conf"));
        Path classLog = tmp.resolve("classes.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/mailgate").toString(), "--conf", conf.toString(),
                "--var", tmp.resolve("var").toString()).redirectErrorStream(true);
        builder.environment().put("MAILGATE_JAVA_OPTS", "-Xshare:off -Xlog:class+load=info:file=" + classLog);
        process = builder.start();
        InetSocketAddress smtp = awaitReady();

        try (SmtpDialogue client = SmtpDialogue.connect(smtp)) {
            client.expect(220);
            assertThat(client.ehlo("smoke.example").lines()).contains("STARTTLS");
            assertThat(client.sendMail("alice@example.org", List.of("bob@remote.example"),
                    "Subject: smoke\r\n\r\nfrom the package\r\n").code()).isEqualTo(250);
        }
        ReceivedMessage received = sink.awaitMessage(Duration.ofSeconds(30));
        assertThat(received.dataAsString()).endsWith("Subject: smoke\r\n\r\nfrom the package\r\n");

        // the admin API answers with its generated token, and a Prometheus scrape sees the message
        Matcher admin = Pattern.compile("admin API on ([0-9.]+):(\\d+)").matcher(String.join("\n", output()));
        assertThat(admin.find()).as(String.join("\n", output())).isTrue();
        String token = Files.readString(tmp.resolve("var/webadmin.token")).trim();
        java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + admin.group(1) + ":"
                        + admin.group(2) + "/metrics")).header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("mailgate_smtp_messages_accepted_total 1.0");

        // with no key configured, the first start generates a self-signed certificate into var/tls
        Path certificate = tmp.resolve("var/tls/smoke.test.crt");
        org.mailgate.testkit.Await.until(Duration.ofSeconds(30), () -> Files.isRegularFile(certificate),
                () -> "the generated certificate " + certificate);

        process.toHandle().destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", output())).isZero();

        Set<String> unused = unusedJars(classLog);
        assertThat(unused).as("jars in lib/ from which no class was loaded: exclude them from the package, "
                + "or list them with a reason").isEmpty();
    }

    private Set<String> unusedJars(Path classLog) throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<String> lines = Files.lines(classLog)) {
            lines.forEach(line -> {
                Matcher m = LOADED_FROM.matcher(line);
                if (m.find()) {
                    used.add(Path.of(m.group(1)).getFileName().toString());
                }
            });
        }
        Set<String> unused = new TreeSet<>();
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            jars.map(p -> p.getFileName().toString())
                    .filter(name -> !used.contains(name))
                    .filter(name -> NEEDED_BEYOND_THE_SMOKE_RUN.keySet().stream().noneMatch(name::startsWith))
                    .forEach(unused::add);
        }
        return unused;
    }

    private InetSocketAddress awaitReady() {
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        return Await.until(Duration.ofSeconds(60), () -> {
            for (String line : output()) {
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    return java.util.Optional.of(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))));
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the gateway ended:\n" + String.join("\n", output()));
            }
            return java.util.Optional.empty();
        }, () -> "the ready line; output so far:\n" + String.join("\n", output()));
    }

    private List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    private Path writeConf(Path conf) throws IOException {
        Files.createDirectories(conf);
        for (String file : List.of("domainlist.xml", "logback.xml", "mailetcontainer.xml")) {
            Files.copy(home.resolve("conf").resolve(file), conf.resolve(file));
        }
        Files.writeString(conf.resolve("webadmin.properties"), "port=0\n");
        Files.writeString(conf.resolve("smtpserver.xml"), """
                <smtpservers>
                  <smtpserver>
                    <bind>127.0.0.1:0</bind>
                    <helloName>smoke.test</helloName>
                    <authorizedAddresses>127.0.0.0/8</authorizedAddresses>
                    <tls socketTLS="false" startTLS="true"/>
                  </smtpserver>
                </smtpservers>
                """);
        Files.writeString(conf.resolve("dnsservice.xml"), """
                <dnsservice>
                  <servers><server>%s</server></servers>
                  <autodiscover>false</autodiscover>
                </dnsservice>
                """.formatted(dns.hostAndPort()));
        String container = Files.readString(conf.resolve("mailetcontainer.xml"))
                .replace("<outgoingQueue>outgoing</outgoingQueue>",
                        "<outgoingQueue>outgoing</outgoingQueue>\n<mxPort>" + sink.port() + "</mxPort>");
        Files.writeString(conf.resolve("mailetcontainer.xml"), container);
        return conf;
    }

    private static String version() {
        return System.getProperty("mailgate.version", "0.1.0-SNAPSHOT");
    }
}
