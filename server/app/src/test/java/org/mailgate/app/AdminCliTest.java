package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * {@code mailgate queue} and {@code mailgate repo} against a running gateway: its address from a
 * {@code webadmin.properties}, its token generated into {@code var/}; tables, {@code --json} that parses,
 * mail that really moves, and the errors an operator meets.
 */
class AdminCliTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    AdminCommand command;

    /** Starts the gateway on a free admin port with a generated token; the CLI's conf names that port. */
    void start(TestConf conf) throws Exception {
        peers.start(conf.writeTo(tmp.resolve("conf")), tmp.resolve("var"));
        cliConf("port=" + peers.gateway().gateway.adminAddress().orElseThrow().getPort() + "\n");
    }

    void cliConf(String properties) throws IOException {
        Files.createDirectories(tmp.resolve("cli-conf"));
        Files.writeString(tmp.resolve("cli-conf/webadmin.properties"), properties);
    }

    /** Runs {@code mailgate ARGS --conf cli-conf --var var} as Main would; the exit status. */
    int cli(String... args) {
        if (command == null) {
            command = new AdminCommand(tmp.resolve("cli-conf"), tmp.resolve("var"));
        }
        return command.run("", args);
    }

    String out() {
        return command.out();
    }

    String err() {
        return command.err();
    }

    JsonNode json() throws IOException {
        return JSON.readTree(out());
    }

    void send(String from, String to, String subject) throws Exception {
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail(from, List.of(to), "Subject: " + subject + "\r\n\r\nhello\r\n").code()).isEqualTo(250);
        }
    }

    /** Waits until {@code repo show PATH --json} lists {@code size} keys; returns them. */
    JsonNode awaitKeys(String path, int size) {
        return Await.until(Duration.ofSeconds(10), () -> {
            try {
                return cli("repo", "show", path, "--json") == 0 && json().size() == size
                        ? java.util.Optional.of(json()) : java.util.Optional.empty();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, () -> size + " mails in " + path + "; last output: " + out() + err());
    }

    /** Waits until {@code queue list outgoing --delayed} shows {@code count} mails, none of them under way. */
    void awaitDeferred(int count) {
        Await.until(Duration.ofSeconds(10), () -> {
            try {
                return cli("queue", "list", "outgoing", "--delayed", "--json") == 0 && json().size() == count
                        && java.util.stream.StreamSupport.stream(json().spliterator(), false)
                        .noneMatch(m -> m.get("underWay").asBoolean());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, () -> count + " deferred mails; last output: " + out() + err());
    }

    @Test
    void aDeferredMailIsListedAndAFlushDeliversIt() throws Exception {
        start(peers.conf().retries("1 hour", 5));
        peers.sink().failNextMessages(1, 451, "4.3.0 try later");

        send("alice@local.example", "bob@remote.example", "deferred");

        Await.until(Duration.ofSeconds(10), () -> cli("queue", "list", "outgoing") == 0 && out().contains("451"),
                () -> "the deferred mail listed; last output: " + out() + err());
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("ID").contains("SENDER", "RECIPIENTS", "NEXT ATTEMPT", "ATTEMPTS", "LAST ERROR");
        assertThat(lines.get(1)).contains("alice@local.example", "bob@remote.example", "4.3.0 try later");
        assertThat(lines.get(1).indexOf("alice@")).as("aligned under its header").isEqualTo(lines.get(0).indexOf("SENDER"));
        assertThat(cli("queue", "list")).isZero();
        assertThat(out().lines()).containsExactly("QUEUE     SIZE", "outgoing  1", "spool     0");
        assertThat(cli("queue", "list", "outgoing", "--json")).isZero();
        JsonNode mail = json().get(0);
        assertThat(mail.get("sender").asText()).isEqualTo("alice@local.example");
        assertThat(mail.get("failedAttempts").asInt()).isOne();
        assertThat(lines.get(1)).startsWith(mail.get("id").asText() + " ");
        assertThat(cli("queue", "list", "--json")).isZero();
        assertThat(json()).extracting(JsonNode::asText).containsExactly("outgoing", "spool");

        assertThat(cli("queue", "flush", "outgoing")).as(err()).isZero();

        assertThat(out()).contains("queue outgoing flushed");
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("bob@remote.example");
        Await.until(Duration.ofSeconds(10), () -> cli("queue", "list", "outgoing") == 0
                && out().equals("queue outgoing is empty\n"), () -> "an empty queue; last output: " + out());
    }

    @Test
    void queuedMailIsDeletedByRecipient() throws Exception {
        start(peers.conf().retries("1 hour", 5));
        peers.sink().failNextMessages(2, 451, "4.3.0 try later");
        send("alice@local.example", "bob@remote.example", "one");
        send("alice@local.example", "carol@remote.example", "two");
        awaitDeferred(2);

        assertThat(cli("queue", "delete", "outgoing", "--recipient", "carol@remote.example")).as(err()).isZero();

        assertThat(out()).isEqualTo("removed 1 mail(s) from queue outgoing; 1 remaining\n");
        assertThat(cli("queue", "delete", "outgoing", "--sender=alice@local.example", "--json")).isZero();
        assertThat(json().get("status").asText()).isEqualTo("completed");
        assertThat(json().get("additionalInformation").get("processedCount").asLong()).isOne();
        assertThat(json().get("additionalInformation").get("remainingCount").asLong()).isZero();
    }

    @Test
    void oneMailIsShownHeldMovedAndManyReleasedByATask() throws Exception {
        start(peers.conf().retries("1 hour", 5));
        peers.sink().failNextMessages(2, 451, "4.3.0 try later");
        send("alice@local.example", "bob@remote.example", "one");
        send("alice@local.example", "carol@remote.example", "two");
        awaitDeferred(2);
        assertThat(cli("queue", "list", "outgoing", "--recipient", "bob@remote.example", "--json")).isZero();
        String bob = json().get(0).get("id").asText();
        assertThat(cli("queue", "list", "outgoing", "--recipient", "carol@remote.example", "--json")).isZero();
        String carol = json().get(0).get("id").asText();

        assertThat(cli("queue", "show", "outgoing", bob)).as(err()).isZero();
        assertThat(out()).contains("sender", "alice@local.example", "lastError", "4.3.0 try later", "held", "false");
        assertThat(cli("queue", "show", "outgoing", bob, "--raw")).isZero();
        assertThat(out()).contains("Subject: one\r\n");
        assertThat(cli("queue", "hold", "outgoing", bob)).as(err()).isZero();
        assertThat(out()).isEqualTo("mail " + bob + " of queue outgoing held: not attempted until released\n");
        assertThat(cli("queue", "hold", "outgoing", bob)).isEqualTo(1);
        assertThat(err()).contains("answered 409", "already held");
        assertThat(cli("queue", "list", "outgoing", "--held")).isZero();
        assertThat(out().lines().toList()).hasSize(2).last().asString().contains("bob@remote.example", "held");
        assertThat(cli("queue", "move", "outgoing", carol, "--to", "file://var/mail/quarantine/")).as(err()).isZero();
        assertThat(out()).contains("moved to repository file://var/mail/quarantine/");
        assertThat(cli("repo", "show", "var/mail/quarantine/")).isZero();
        assertThat(out()).contains("carol@remote.example");
        assertThat(cli("queue", "show", "outgoing", carol)).isEqualTo(1);
        assertThat(err()).contains("no such mail: " + carol + " in queue outgoing");

        assertThat(cli("queue", "release", "outgoing", "--all")).as(err()).isZero();

        assertThat(out()).isEqualTo("1 mail(s) of queue outgoing released: due now\n");
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("bob@remote.example");
        assertThat(cli("task", "list")).as(err()).isZero();
        assertThat(out().lines().toList()).hasSize(2).last().asString()
                .contains("release-mails-in-mail-queue", "completed", "processedCount=1");
        assertThat(cli("queue", "hold", "outgoing", "--sender", "nobody@local.example", "--no-wait")).isZero();
        String task = out().substring("task ".length(), out().indexOf(' ', "task ".length()));
        assertThat(out()).contains("mailgate task show " + task);
        Await.until(Duration.ofSeconds(10), () -> cli("task", "show", task) == 0 && out().contains("completed"),
                () -> "the task completed; last output: " + out() + err());
        assertThat(out()).contains("type", "hold-mails-in-mail-queue", "processedCount", "mailQueueName");
        assertThat(cli("task", "show", task, "--json")).isZero();
        assertThat(json().get("additionalInformation").get("filter").get("sender").asText())
                .isEqualTo("nobody@local.example");
        assertThat(cli("task", "cancel", "nosuchtask")).isEqualTo(1);
        assertThat(err()).contains("no such task: nosuchtask");
        assertThat(cli("task", "list", "--status", "bogus")).isEqualTo(1);
        assertThat(err()).contains("answered 400", "status");
    }

    @Test
    void repositoryMailIsListedShownRawAndDeleted() throws Exception {
        start(peers.conf());
        send("alice@remote.example", "bob@local.example", "kept");
        send("alice@remote.example", "carol@local.example", "kept too");
        JsonNode keys = awaitKeys("var/mail/inbound/", 2);
        String key = keys.get(0).asText();

        assertThat(cli("repo", "list")).as(err()).isZero();
        assertThat(out().lines()).containsExactly(
                "REPOSITORY         SIZE  URL",
                "var/mail/error/    0     file://var/mail/error/",
                "var/mail/inbound/  2     file://var/mail/inbound/");
        assertThat(cli("repo", "list", "--json")).isZero();
        assertThat(json()).extracting(r -> r.get("repository").asText()).contains("var/mail/inbound/");
        assertThat(cli("repo", "show", "var/mail/inbound/")).isZero();
        assertThat(out().lines().toList()).hasSize(3).first().asString().startsWith("KEY").contains("SENDER", "ERROR");
        assertThat(out()).contains(key, "alice@remote.example", "bob@local.example", "carol@local.example");
        assertThat(cli("repo", "show", "var/mail/inbound/", key)).isZero();
        assertThat(out()).contains("sender", "alice@remote.example", "remoteAddr", "127.0.0.1");
        assertThat(cli("repo", "show", "var/mail/inbound/", key, "--json")).isZero();
        assertThat(json().get("name").asText()).isEqualTo(key);
        assertThat(cli("repo", "show", "var/mail/inbound/", key, "--raw")).isZero();
        assertThat(out()).contains("Subject: kept\r\n").contains("hello");

        assertThat(cli("repo", "delete", "var/mail/inbound/", key)).isZero();

        assertThat(out()).isEqualTo("deleted mail " + key + " from repository var/mail/inbound/\n");
        assertThat(cli("repo", "show", "var/mail/inbound/", key)).isEqualTo(1);
        assertThat(err()).contains("no such mail: " + key + " in repository var/mail/inbound/");
        assertThat(cli("repo", "delete", "file://var/mail/inbound/")).isZero();
        assertThat(out()).isEqualTo("deleted 1 mail(s) from repository file://var/mail/inbound/\n");
        assertThat(cli("repo", "show", "var/mail/inbound/")).isZero();
        assertThat(out()).isEqualTo("repository var/mail/inbound/ is empty\n");
    }

    @Test
    void reprocessingSendsAFailedMailThroughTheTransportProcessor() throws Exception {
        start(peers.conf());
        peers.sink().rejectRecipient("bob@remote.example", 550, "5.1.1 no such mailbox");
        send("alice@local.example", "bob@remote.example", "failed once");
        String key = awaitKeys("var/mail/error/", 1).get(0).asText();
        assertThat(cli("repo", "show", "var/mail/error/")).isZero();
        assertThat(out()).contains(key, "bob@remote.example", "550");
        peers.sink().clearScript();

        assertThat(cli("repo", "reprocess", "var/mail/error/", key, "--processor", "transport")).as(err()).isZero();

        assertThat(out()).isEqualTo("reprocessed 1 mail(s) from repository var/mail/error/ in processor transport\n");
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("bob@remote.example");
        assertThat(cli("repo", "reprocess", "var/mail/error/", key)).isEqualTo(1);
        assertThat(err()).contains("no such mail: " + key);
    }

    @Test
    void unknownQueuesRepositoriesAndAWrongTokenAreErrors() throws Exception {
        start(peers.conf());

        assertThat(cli("queue", "list", "nosuchqueue")).isEqualTo(1);
        assertThat(err()).isEqualTo("mailgate queue: no such queue: nosuchqueue\n");
        assertThat(cli("queue", "flush", "nosuchqueue")).isEqualTo(1);
        assertThat(err()).contains("no such queue: nosuchqueue");
        assertThat(cli("repo", "show", "var/mail/nothing/")).isEqualTo(1);
        assertThat(err()).isEqualTo("mailgate repo: no such repository: var/mail/nothing/\n");
        assertThat(cli("repo", "delete", "var/mail/nothing/", "somekey")).isEqualTo(1);
        assertThat(err()).contains("no such repository: var/mail/nothing/");
        assertThat(cli("queue", "delete", "outgoing", "--sender", "not an address")).isEqualTo(1);
        assertThat(err()).contains("answered 400", "sender");

        int port = peers.gateway().gateway.adminAddress().orElseThrow().getPort();
        cliConf("port=" + port + "\ntoken=wrong-token-0123456789\n");
        assertThat(cli("queue", "list")).isEqualTo(1);
        assertThat(err()).contains("refused the token from " + tmp.resolve("cli-conf/webadmin.properties"));
    }

    @Test
    void aGatewayThatIsNotRunningOrHasNoTokenIsNamed() throws Exception {
        int port = closedPort();
        cliConf("port=" + port + "\n");

        assertThat(cli("queue", "list")).isEqualTo(1);
        assertThat(err()).contains("no admin API token", "webadmin.token does not exist");

        Files.createDirectories(tmp.resolve("var"));
        Files.writeString(tmp.resolve("var/webadmin.token"), "some-token-0123456789\n");
        assertThat(cli("repo", "list")).isEqualTo(1);
        assertThat(err()).isEqualTo("mailgate repo: cannot reach the admin API at 127.0.0.1:" + port
                + ": is the gateway running?\n");

        cliConf("port=0\n");
        assertThat(cli("queue", "list")).isEqualTo(1);
        assertThat(err()).contains("port", "is 0");
        cliConf("port=http\n");
        assertThat(cli("queue", "list")).isEqualTo(1);
        assertThat(err()).contains("webadmin.properties:1", "port");
    }

    @Test
    void theMailgateCommandRunsThemWithTheirExitStatus() throws Exception {
        int port = closedPort();
        cliConf("port=" + port + "\ntoken=some-token-0123456789\n");

        assertThat(mailgate("queue", "list", "--json")).isEqualTo(1);
        assertThat(mailgate("repo", "frobnicate")).isEqualTo(2);
    }

    /** A loopback port nothing listens on any more. */
    static int closedPort() throws IOException {
        try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return closed.getLocalPort();
        }
    }

    /** Runs Main in a JVM of its own, as bin/mailgate does; the exit status, its output checked. */
    int mailgate(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--conf", tmp.resolve("cli-conf").toString(), "--var", tmp.resolve("var").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        assertThat(output).as("output").contains(status == 1 ? "cannot reach the admin API" : "usage: mailgate queue");
        return status;
    }

    @Test
    void wrongCommandLinesExit2WithTheUsage() throws Exception {
        cliConf("port=1\n");

        assertThat(cli("queue")).isEqualTo(2);
        assertThat(err()).contains("queue needs an action", "usage: mailgate queue list");
        assertThat(cli("queue", "frobnicate")).isEqualTo(2);
        assertThat(cli("queue", "flush")).isEqualTo(2);
        assertThat(err()).contains("expected queue flush NAME");
        assertThat(cli("queue", "delete", "outgoing")).isEqualTo(2);
        assertThat(err()).contains("--all for every mail of the queue");
        assertThat(cli("queue", "hold", "outgoing", "12", "--sender", "a@b.example")).isEqualTo(2);
        assertThat(err()).contains("not both");
        assertThat(cli("queue", "move", "outgoing", "12")).isEqualTo(2);
        assertThat(err()).contains("--to REPOSITORY");
        assertThat(cli("queue", "flush", "outgoing", "12", "--domain", "d.example")).isEqualTo(2);
        assertThat(cli("queue", "list", "--held")).isEqualTo(2);
        assertThat(err()).contains("give its NAME");
        assertThat(cli("task", "show")).isEqualTo(2);
        assertThat(err()).contains("expected task show ID");
        assertThat(cli("task", "frobnicate")).isEqualTo(2);
        assertThat(cli("queue", "list", "--raw")).isEqualTo(2);
        assertThat(err()).contains("unknown option --raw");
        assertThat(cli("repo", "show", "var/mail/error/", "--raw")).isEqualTo(2);
        assertThat(cli("repo", "reprocess", "var/mail/error/", "--processor")).isEqualTo(2);
        assertThat(err()).contains("--processor needs a value");
        assertThat(cli("repo", "list", "extra")).isEqualTo(2);
    }
}
