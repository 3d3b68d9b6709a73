package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.metrics.StoreStatistics;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * {@code POST /trace} and {@code mailgate trace} on a running gateway whose transport processor matches part
 * of the recipients ({@code HostIsLocal}): the mail splits, each part's way and outcome is reported, and
 * nothing is stored or delivered (spool, outgoing queue and repositories stay empty; the sink gets only the
 * real mail sent afterwards).
 */
class TraceEndToEndTest {

    static final String TOKEN = "test-token-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MESSAGE = "From: alice@local.example\nSubject: trace me\nBcc: hidden@remote.example\n\nhello\n";

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();
    AdminCommand cli;


    AdminClient start() throws Exception {
        TestConf conf = peers.conf().webAdmin("port=0\ntoken=" + TOKEN + "\n").rootMailets("""
                <mailet match="RemoteAddrNotInNetwork=127.0.0.0/8" class="SetMimeHeader">
                  <name>X-Outside</name><value>yes</value>
                </mailet>
                <mailet match="SMTPAuthSuccessful" class="SetMimeHeader">
                  <name>X-Authenticated</name><value>yes</value>
                </mailet>""");
        peers.start(conf.writeTo(tmp.resolve("conf")), tmp.resolve("var"));
        Files.createDirectories(tmp.resolve("cli-conf"));
        Files.writeString(tmp.resolve("cli-conf/webadmin.properties"), "port="
                + peers.gateway().gateway.adminAddress().orElseThrow().getPort() + "\ntoken=" + TOKEN + "\n");
        cli = new AdminCommand(tmp.resolve("cli-conf"), tmp.resolve("var"));
        return new AdminClient(peers.gateway().gateway.adminAddress().orElseThrow(), Optional.of(TOKEN));
    }

    static String body(String from, List<String> to, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("from", from);
        to.forEach(body.putArray("to")::add);
        body.put("message", message);
        return body.toString();
    }

    AdminClient.Answer post(AdminClient admin, String body) {
        return admin.send("POST", "/trace", body, Optional.empty());
    }

    @Test
    void aPartialMatchIsTracedPerRecipientThroughTheApiAndNothingIsStoredOrDelivered() throws Exception {
        AdminClient admin = start();

        AdminClient.Answer answer = post(admin, body("alice@local.example",
                List.of("bob@remote.example", "carol@local.example"), MESSAGE));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        JsonNode trace = answer.json();
        assertThat(trace.get("mails")).extracting(m -> m.get("mail").asText()).containsExactly("trace", "trace-1");
        JsonNode original = trace.get("mails").get(0);
        assertThat(original.get("events")).extracting(e -> e.get("kind").asText() + " " + e.get("what").asText())
                .startsWith("processor ", "match RemoteAddrNotInNetwork=127.0.0.0/8", "match SMTPAuthSuccessful",
                        "match All", "mailet ToProcessor(processor=transport)", "processor ", "match All",
                        "mailet RemoveMimeHeader(name=bcc)", "match HostIsLocal", "split trace-1");
        assertThat(original.get("events").get(1).get("recipients")).isEmpty();
        assertThat(original.get("events").get(7).get("changes")).extracting(JsonNode::asText)
                .containsExactly("header removed: Bcc: hidden@remote.example");
        JsonNode copy = trace.get("mails").get(1);
        assertThat(copy.get("origin").asText()).isEqualTo("split from trace at [2] of processor transport");
        assertThat(copy.get("recipients")).extracting(JsonNode::asText).containsExactly("carol@local.example");
        assertThat(trace.get("outcomes")).extracting(o -> o.get("recipient").asText() + " → "
                        + o.get("destination").asText().replaceAll(" \\(.*", ""))
                .containsExactly("bob@remote.example → outgoing queue \"outgoing\", via the MX hosts of remote.example "
                                + "on port " + peers.sink().port() + " by RemoteDelivery",
                        "carol@local.example → repository file://var/mail/inbound/ by ToRepository");

        assertNothingStoredOrDelivered(admin);
    }

    /** The spool, queue and repositories are empty; a real mail sent now is the only one the sink gets. */
    void assertNothingStoredOrDelivered(AdminClient admin) throws Exception {
        assertThat(peers.gateway().gateway.instance(StoreStatistics.class).spoolSize()).isZero();
        assertThat(admin.get("/mailQueues/outgoing/mails").json()).isEmpty();
        assertThat(admin.get(AdminApiEndToEndTest.INBOUND + "/mails").json()).isEmpty();
        assertThat(admin.get(AdminApiEndToEndTest.ERROR + "/mails").json()).isEmpty();
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("alice@local.example", List.of("dave@remote.example"),
                    "Subject: real\r\n\r\nreal\r\n").code()).isEqualTo(250);
        }
        List<ReceivedMessage> delivered = peers.sink().awaitMessages(1, Duration.ofSeconds(10));
        assertThat(delivered).singleElement().satisfies(m -> assertThat(m.rcptTo()).containsExactly("dave@remote.example"));
        assertThat(peers.sink().messages()).hasSize(1);
        assertThat(admin.get(AdminApiEndToEndTest.INBOUND + "/mails").json()).isEmpty();
    }

    @Test
    void theClientDescribedSetsTheAttributesSmtpWouldAndTextIsOffered() throws Exception {
        AdminClient admin = start();
        ObjectNode body = (ObjectNode) JSON.readTree(body("", List.of("bob@remote.example"), MESSAGE));
        body.put("remoteIp", "192.0.2.7").put("auth", "alice").put("helo", "client.example");

        AdminClient.Answer answer = admin.send("POST", "/trace", body.toString(), Optional.of("text/plain"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/plain");
        assertThat(answer.body()).startsWith("trace of a message from <> to bob@remote.example\n")
                .contains("    [1] match RemoteAddrNotInNetwork=127.0.0.0/8 → bob@remote.example  (",
                        "        mailet SetMimeHeader(name=X-Outside, value=yes) → header added: X-Outside: yes\n",
                        "    [2] match SMTPAuthSuccessful → bob@remote.example  (",
                        "  bob@remote.example → outgoing queue \"outgoing\"");
    }

    @Test
    void theTraceFollowsThePipelineInUseNotTheFileUntilItIsReloaded() throws Exception {
        AdminClient admin = start();
        peers.conf().webAdmin("port=0\ntoken=" + TOKEN + "\n")
                .transportMailets("<mailet match=\"All\" class=\"Null\"/>").writeTo(tmp.resolve("conf"));
        String request = body("alice@local.example", List.of("bob@remote.example"), MESSAGE);

        assertThat(post(admin, request).json().get("outcomes").get(0).get("destination").asText())
                .startsWith("outgoing queue \"outgoing\"");
        assertThat(peers.gateway().gateway.reload().applied()).isTrue();
        assertThat(post(admin, request).json().get("outcomes").get(0).get("destination").asText())
                .startsWith("dropped: ghost, set by Null (");
    }

    @Test
    void aMailetTakingTheGatewaysMetricsRunsInATraceAndCountsNothing() throws Exception {
        AdminClient admin = start();
        peers.conf().webAdmin("port=0\ntoken=" + TOKEN + "\n")
                .transportMailets("<mailet match=\"All\" class=\"Bounce\"/>").writeTo(tmp.resolve("conf"));
        assertThat(peers.gateway().gateway.reload().applied()).isTrue();

        AdminClient.Answer answer = admin.send("POST", "/trace",
                body("alice@local.example", List.of("bob@remote.example"), MESSAGE), Optional.of("text/plain"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("mailet Bounce");
        assertThat(admin.get("/metrics").body())
                .doesNotContain("mailgate_dsn_reports_total{action=\"failed\",source=\"mailet\"} 1");
    }

    @Test
    void aMailetCannotChangeTheGatewaysAccountsDuringATrace() throws Exception {
        AdminClient admin = start();
        peers.conf().webAdmin("port=0\ntoken=" + TOKEN + "\n")
                .transportMailets("<mailet match=\"All\" class=\"org.mailgate.app.AccountCreatingMailet\"/>")
                .writeTo(tmp.resolve("conf"));
        assertThat(peers.gateway().gateway.reload().applied()).isTrue();

        AdminClient.Answer answer = admin.send("POST", "/trace",
                body("alice@local.example", List.of("bob@remote.example"), MESSAGE), Optional.of("text/plain"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("a trace is a dry run: a mailet may not add account alice@local.example");
        assertThat(admin.get("/users/alice@local.example").status()).isEqualTo(404);
    }

    @Test
    void badInputIsRefusedWithAPreciseError() throws Exception {
        AdminClient admin = start();

        assertBadRequest(post(admin, body("alice@local.example", List.of("not an address"), MESSAGE)),
                "'to' is not a mail address: 'not an address'");
        assertBadRequest(post(admin, body("alice@local.example", List.of(), MESSAGE)),
                "'to' must be a non-empty array of mail addresses");
        assertBadRequest(post(admin, body("alice@local.example", List.of("bob@remote.example"), "just text\n\nbody")),
                "the message does not start with a header field (Name: value): 'just text'");
        assertBadRequest(post(admin, body("alice@", List.of("bob@remote.example"), MESSAGE)),
                "'from' is not a mail address: 'alice@'");
        assertBadRequest(post(admin, "{\"from\": \"\", \"to\": [\"b@remote.example\"], \"message\": \"S: x\\n\\nb\", "
                + "\"remoteIp\": \"999.1.1.1\"}"), "'remoteIp' is not an IP address: '999.1.1.1'");
        assertBadRequest(post(admin, "{\"form\": \"\"}"), "unknown field 'form'");
        assertBadRequest(post(admin, "not json"), "the body is not JSON");
    }

    static void assertBadRequest(AdminClient.Answer answer, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(answer.json().get("message").asText()).startsWith(message);
    }

    int cli(String... args) {
        return cli.run("", args);
    }

    String out() {
        return cli.out();
    }

    @Test
    void theCliPrintsTheTreeOrTheJsonAndStoresNothing() throws Exception {
        AdminClient admin = start();
        Path message = Files.writeString(tmp.resolve("message.eml"), MESSAGE);

        assertThat(cli("trace", "--from", "alice@local.example", "--to", "bob@remote.example,carol@local.example",
                message.toString())).as(cli.err()).isZero();

        assertThat(out()).contains("mail trace (the message) to bob@remote.example, carol@local.example\n",
                "  processor transport with bob@remote.example, carol@local.example\n",
                "    [2] match HostIsLocal → carol@local.example  (",
                "        split: copy trace-1 takes carol@local.example, this mail goes on with the rest\n",
                "mail trace-1 (split from trace at [2] of processor transport) to carol@local.example\n",
                "outcome:\n  bob@remote.example → outgoing queue \"outgoing\", via the MX hosts of remote.example",
                "  carol@local.example → repository file://var/mail/inbound/ by ToRepository (");

        assertThat(cli("trace", "--from=", "--to", "bob@remote.example", "--remote-ip", "192.0.2.7", "--auth", "alice",
                "--helo", "client.example", "--json", message.toString())).as(cli.err()).isZero();
        JsonNode json = JSON.readTree(out());
        assertThat(json.get("sender").asText()).isEmpty();
        assertThat(json.get("mails").get(0).get("events").get(1).get("recipients")).extracting(JsonNode::asText)
                .containsExactly("bob@remote.example");

        assertNothingStoredOrDelivered(admin);
    }

    @Test
    void theCliRefusesABadCommandLineWithStatus2AndABadMessageWithStatus1() throws Exception {
        start();
        Path message = Files.writeString(tmp.resolve("message.eml"), MESSAGE);

        assertThat(cli("trace", "--from", "a@local.example", message.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("--to is required", "usage:");
        assertThat(cli("trace", "--from", "a@local.example", "--to", "b@remote.example")).isEqualTo(2);
        assertThat(cli("trace", "--from", "a@local.example", "--to", "b@remote.example", "--bogus", message.toString()))
                .isEqualTo(2);
        assertThat(cli("trace", "--from", "a@local.example", "--to", "b@remote.example",
                tmp.resolve("missing.eml").toString())).isEqualTo(1);
        assertThat(cli.err()).contains("cannot read");
        assertThat(cli("trace", "--from", "a@local.example", "--to", "not-an-address", message.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("'to' is not a mail address: 'not-an-address'");
    }
}
