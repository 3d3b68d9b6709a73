package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.repository.MailRepository;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.app.reload.ReloadCli;
import org.mailgate.app.reload.ReloadOutcome;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * Live reload of the pipeline on a real gateway: under a steady stream of mail no accepted message is
 * lost and mail accepted after the reload follows the new rule; an invalid configuration is rejected
 * with its file:line errors and the running pipeline keeps working; {@code mailgate reload} reaches the
 * gateway through its control socket.
 */
class ReloadEndToEndTest {

    private static final Pattern SUBJECT = Pattern.compile("Subject: m(\\d+)");

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    /** The default pipeline with root stamping {@code X-Rule: <rule>} on every mail, plus {@code more}. */
    Path writeConf(String rule, String more) throws Exception {
        return peers.conf().rootMailets("""
                <mailet match="All" class="SetMimeHeader">
                  <name>X-Rule</name>
                  <value>%s</value>
                </mailet>
                %s""".formatted(rule, more)).writeTo(tmp.resolve("conf"));
    }

    void send(String subject) {
        sendTo("bob@remote.example", subject);
    }

    void sendTo(String recipient, String subject) {
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("alice@example.org", List.of(recipient),
                    "Subject: " + subject + "\r\n\r\nbody\r\n").code()).isEqualTo(250);
        }
    }

    static String rule(ReceivedMessage message) {
        Matcher rule = Pattern.compile("X-Rule: (\\w+)").matcher(message.dataAsString());
        assertThat(rule.find()).as("X-Rule in %s", message.dataAsString()).isTrue();
        return rule.group(1);
    }

    static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void reloadUnderLoadLosesNoMessageAndMailAcceptedAfterItFollowsTheNewRule() throws Exception {
        peers.start(writeConf("one", ""), tmp.resolve("var"));
        Set<Integer> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicReference<Throwable> clientFailure = new AtomicReference<>();
        Thread client = Thread.ofPlatform().name("load").start(() -> {
            try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
                smtp.expect(220);
                smtp.ehlo("client.example");
                while (sending.get()) {
                    int n = next.getAndIncrement();
                    if (smtp.sendMail("alice@example.org", List.of("bob@remote.example"),
                            "Subject: m" + n + "\r\n\r\nbody " + n + "\r\n").code() == 250) {
                        accepted.add(n);
                    }
                }
            } catch (Throwable e) {
                clientFailure.set(e);
            }
        });
        Await.until(Duration.ofSeconds(20), () -> accepted.size() >= 30, () -> "30 messages accepted before the reload");

        writeConf("two", "");
        ReloadOutcome outcome = peers.gateway().gateway.reload();
        int firstAfterReload = next.get() + 1;
        assertThat(outcome.applied()).as(outcome.text()).isTrue();
        Await.until(Duration.ofSeconds(20), () -> next.get() > firstAfterReload + 30,
                () -> "30 messages accepted after the reload");
        sending.set(false);
        client.join(30_000);
        assertThat(clientFailure.get()).as("the SMTP session survived the reload").isNull();

        List<ReceivedMessage> delivered = peers.sink().awaitMessages(accepted.size(), Duration.ofSeconds(60));
        Map<Integer, String> ruleBySubject = new ConcurrentHashMap<>();
        for (ReceivedMessage message : delivered) {
            Matcher subject = SUBJECT.matcher(message.dataAsString());
            assertThat(subject.find()).isTrue();
            assertThat(ruleBySubject.put(Integer.parseInt(subject.group(1)), rule(message))).as("delivered once").isNull();
        }
        assertThat(ruleBySubject.keySet()).as("every accepted message delivered").containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(ruleBySubject).containsValue("one");
        ruleBySubject.forEach((n, rule) -> {
            if (n >= firstAfterReload) {
                assertThat(rule).as("m%d, accepted after the reload", n).isEqualTo("two");
            }
        });
    }

    @Test
    void mailInFlightFinishesOnTheOldPipelineWhichIsDestroyedOnlyAfterIt() throws Exception {
        Path release = tmp.resolve("release");
        peers.start(writeConf("one", """
                <mailet match="All" class="org.mailgate.app.WaitForFile"><file>%s</file></mailet>""".formatted(release)),
                tmp.resolve("var"));
        send("in flight");
        Await.until(Duration.ofSeconds(20), () -> Files.exists(Path.of(release + ".waiting")),
                () -> "the first mail waiting inside the pipeline");

        writeConf("two", "");
        assertThat(peers.gateway().gateway.reload().applied()).isTrue();
        send("after");
        ReceivedMessage after = peers.sink().awaitMessage(Duration.ofSeconds(10));
        assertThat(after.dataAsString()).contains("Subject: after");
        assertThat(rule(after)).isEqualTo("two");
        assertThat(Path.of(release + ".destroyed")).as("the old pipeline still has a mail on it").doesNotExist();

        Files.writeString(release, "");
        List<ReceivedMessage> both = peers.sink().awaitMessages(2, Duration.ofSeconds(20));
        ReceivedMessage inFlight = both.get(1);
        assertThat(inFlight.dataAsString()).contains("Subject: in flight").doesNotContain("X-Destroyed-Meanwhile");
        assertThat(rule(inFlight)).as("finished on the pipeline it started on").isEqualTo("one");
        Await.until(Duration.ofSeconds(10), () -> Files.exists(Path.of(release + ".destroyed")),
                () -> "the old pipeline destroyed once its mail is done");
    }

    @Test
    void anInvalidConfigurationIsRejectedWithItsLinesAndTheRunningPipelineStays() throws Exception {
        peers.start(writeConf("one", ""), tmp.resolve("var"));
        send("before");
        assertThat(rule(peers.sink().awaitMessage(Duration.ofSeconds(10)))).isEqualTo("one");

        Path conf = writeConf("two", """
                <mailet match="All" class="NoSuchMailet"/>
                <mailet match="RecipientIs=x@local.example" class="ToProcessor">
                  <processor>nowhere</processor>
                </mailet>""");
        Path file = conf.resolve("mailetcontainer.xml");
        int unknownMailetLine = lineOf(file, "NoSuchMailet");
        int nowhereLine = lineOf(file, "class=\"ToProcessor\">");
        ReloadOutcome outcome = peers.gateway().gateway.reload();

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.errors()).map(Object::toString)
                .anyMatch(e -> e.startsWith("conf/mailetcontainer.xml:" + unknownMailetLine + ": ") && e.contains("NoSuchMailet"))
                .anyMatch(e -> e.startsWith("conf/mailetcontainer.xml:" + nowhereLine + ": ") && e.contains("nowhere"));
        assertThat(outcome.summary()).contains("rejected").contains("running pipeline stays");
        peers.sink().clearMessages();
        send("after");
        assertThat(rule(peers.sink().awaitMessage(Duration.ofSeconds(10)))).as("the old rule keeps working").isEqualTo("one");
    }

    @Test
    void mailgateReloadAsksTheRunningGatewayThroughItsControlSocket() throws Exception {
        Path var = tmp.resolve("var");
        peers.start(writeConf("one", ""), var);
        Path file = writeConf("two", "<mailet match=\"All\" class=\"NoSuchMailet\"/>").resolve("mailetcontainer.xml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(new ReloadCli(var, new PrintStream(out, true), new PrintStream(err, true)).run()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("conf/mailetcontainer.xml:" + lineOf(file, "NoSuchMailet") + ": ")
                .contains("the running pipeline stays");
        send("rejected");
        assertThat(rule(peers.sink().awaitMessage(Duration.ofSeconds(10)))).isEqualTo("one");

        writeConf("two", "");
        out.reset();
        assertThat(new ReloadCli(var, new PrintStream(out, true), new PrintStream(err, true)).run()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("pipeline reloaded");
        peers.sink().clearMessages();
        send("reloaded");
        assertThat(rule(peers.sink().awaitMessage(Duration.ofSeconds(10)))).isEqualTo("two");
    }

    static void writeTables(Path conf, String mapping, String domains) throws Exception {
        Files.writeString(conf.resolve("recipientrewritetable.xml"),
                "<recipientrewritetable><mapping>" + mapping + "</mapping></recipientrewritetable>");
        Files.writeString(conf.resolve("domainlist.xml"), "<domainlist><domainnames>" + domains
                + "</domainnames><defaultDomain>local.example</defaultDomain></domainlist>");
    }

    @Test
    void theRewriteTableAndTheLocalDomainsAreReloadedWithThePipeline() throws Exception {
        Path conf = peers.conf().transportMailets("<mailet match=\"All\" class=\"RecipientRewriteTable\"/>")
                .writeTo(tmp.resolve("conf"));
        writeTables(conf, "team@local.example=bob@remote.example", "<domainname>local.example</domainname>");
        peers.start(conf, tmp.resolve("var"));
        sendTo("team@local.example", "team");
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("bob@remote.example");

        writeTables(conf, "team@local.example=carol@remote.example",
                "<domainname>local.example</domainname><domainname>new.example</domainname>");
        assertThat(peers.gateway().gateway.reload().applied()).isTrue();

        peers.sink().clearMessages();
        sendTo("team@local.example", "team");
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("carol@remote.example");
        sendTo("dan@new.example", "new");
        MailRepository inbound = peers.gateway().instance(MailRepositoryStore.class)
                .select(MailRepositoryUrl.of("file://var/mail/inbound/"));
        Await.until(Duration.ofSeconds(10), () -> inbound.size() == 1, () -> "dan@new.example stored as local mail");
    }

    @Test
    void mailgateReloadWithoutARunningGatewaySaysSo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(new ReloadCli(tmp.resolve("none"), System.out, new PrintStream(err, true)).run()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no running gateway");
    }
}
