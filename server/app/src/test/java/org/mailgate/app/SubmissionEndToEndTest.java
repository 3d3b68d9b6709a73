package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailgate.app.AuthEndToEndTest.ALICE;
import static org.mailgate.app.AuthEndToEndTest.PASSWORD;
import static org.mailgate.app.AuthEndToEndTest.plain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.testkit.LogCapture;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/**
 * The shipped submission blocks (AUTH required; implicit TLS on "submissions", STARTTLS on
 * "submission") through the assembled gateway, with only their port and name changed: an account added as {@code mailgate users add} adds it, a mail program that
 * does TLS and AUTH relays to a remote MX (the recording sink), and one that does not AUTH gets 530.
 */
class SubmissionEndToEndTest {

    static final Path SHIPPED = Path.of("../../conf/smtpserver.xml");

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    /** The shipped block of {@code jmxName}, enabled, on a loopback port the system chooses. */
    static String shippedBlock(String jmxName, int port, String tls) throws Exception {
        Matcher block = Pattern.compile("<smtpserver enabled=\"false\">\\s*<jmxName>" + jmxName + "</jmxName>.*?"
                + "</smtpserver>", Pattern.DOTALL).matcher(Files.readString(SHIPPED));
        assertThat(block.find()).as("a " + jmxName + " block in " + SHIPPED).isTrue();
        String shipped = block.group();
        assertThat(shipped).contains("<bind>0.0.0.0:" + port + "</bind>", "<helloName autodetect=\"true\"/>", tls,
                "<required>true</required>", "<requireSSL>true</requireSSL>");
        return shipped.replace("enabled=\"false\"", "enabled=\"true\"")
                .replace("<bind>0.0.0.0:" + port + "</bind>", "<bind>127.0.0.1:0</bind>")
                .replace("<helloName autodetect=\"true\"/>", "<helloName>mailgate.test</helloName>");
    }

    /** Starts the gateway with only the submissions (465) block, then adds alice's account. */
    private SSLContext start() throws Exception {
        return start(shippedBlock("submissions", 465, "<tls socketTLS=\"true\"/>"));
    }

    private SSLContext start(String smtpServerBlock) throws Exception {
        Path conf = peers.conf().writeTo(tmp.resolve("conf"));
        Files.writeString(conf.resolve("smtpserver.xml"), "<smtpservers>\n" + smtpServerBlock + "\n</smtpservers>\n");
        Path var = tmp.resolve("var");
        GatewayFixture gateway = peers.start(conf, var);
        Path cliConf = Files.createDirectories(tmp.resolve("cli-conf"));
        Files.writeString(cliConf.resolve("webadmin.properties"),
                "port=" + gateway.gateway.adminAddress().orElseThrow().getPort() + "\n");
        AdminCommand users = new AdminCommand(cliConf, var);
        assertThat(users.run(PASSWORD + "\n", "users", "add", ALICE, "--password-stdin")).as(users.err()).isZero();
        return gateway.trustingGeneratedCertificate("mailgate.test");
    }

    @Test
    void aMailProgramThatDoesTlsAndAuthRelaysAndTheReceivedHeaderSaysEsmtpsa() throws Exception {
        SSLContext client = start();
        SmtpReply accepted;
        try (LogCapture audit = LogCapture.of(MailAudit.LOGGER_NAME);
             SmtpDialogue smtp = SmtpDialogue.connectTls(peers.gateway().smtp(), client)) {
            smtp.expect(220);
            assertThat(smtp.ehlo("laptop.example").lines()).contains("AUTH PLAIN LOGIN");
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
            accepted = smtp.sendMail(ALICE, List.of("bob@remote.example"), "From: alice@local.example\r\n"
                    + "Subject: submitted\r\n\r\nhello\r\n");
            assertThat(accepted.code()).isEqualTo(250);
            smtp.send("QUIT").expect(221);
            String queueId = accepted.text().substring(accepted.text().lastIndexOf(' ') + 1);
            assertThat(audit.grep(queueId + ": received ")).as("the audit trail names TLS and the AUTH user")
                    .singleElement().asString().contains("client=[127.0.0.1]", "helo=laptop.example",
                            "tls=TLSv1.3:TLS_", "auth=" + ALICE);
        }
        ReceivedMessage relayed = peers.sink().awaitMessage(Duration.ofSeconds(20));
        assertThat(relayed.mailFrom()).isEqualTo(ALICE);
        assertThat(relayed.rcptTo()).containsExactly("bob@remote.example");
        assertThat(relayed.headerSection()).contains("Received: from laptop.example (unknown [127.0.0.1])\r\n"
                + "\t(using TLSv1.3 with cipher TLS_").contains("\tby mailgate.test (Mailgate) with ESMTPSA id ");
    }

    @Test
    void withoutAuthTheSubmissionPortTakesNoMail() throws Exception {
        SSLContext client = start();
        try (SmtpDialogue smtp = SmtpDialogue.connectTls(peers.gateway().smtp(), client)) {
            smtp.expect(220);
            smtp.ehlo("laptop.example");
            SmtpReply refused = smtp.command("MAIL FROM:<" + ALICE + ">");
            assertThat(refused.code()).isEqualTo(530);
            assertThat(refused.enhancedStatus()).contains("5.7.0");
            smtp.send("RCPT TO:<bob@remote.example>").expect(503);
            smtp.send("AUTH PLAIN " + plain(ALICE, "not the password")).expect(535);
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(530);
            smtp.send("QUIT").expect(221);
        }
        assertThat(peers.sink().messageCount()).isZero();
    }

    @Test
    void onTheStartTlsSubmissionBlockAuthComesAfterTlsAndMailAfterAuth() throws Exception {
        SSLContext client = start(shippedBlock("submission", 587, "<tls startTLS=\"true\"/>"));
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            SmtpReply plainEhlo = smtp.ehlo("laptop.example");
            assertThat(plainEhlo.hasKeyword("STARTTLS")).isTrue();
            assertThat(plainEhlo.hasKeyword("AUTH")).isFalse();
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(530);
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(538);
            smtp.startTls(client);
            assertThat(smtp.ehlo("laptop.example").lines()).contains("AUTH PLAIN LOGIN");
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(530);
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
            assertThat(smtp.sendMail(ALICE, List.of("bob@remote.example"), "Subject: on 587\r\n\r\nhello\r\n")
                    .code()).isEqualTo(250);
        }
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(20)).headerSection())
                .contains("\tby mailgate.test (Mailgate) with ESMTPSA id ");
    }
}
