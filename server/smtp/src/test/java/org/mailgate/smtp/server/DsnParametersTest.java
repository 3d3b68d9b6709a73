package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.DsnParameters.Notify;
import org.apache.mailet.DsnParameters.Ret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.dsn.DsnRequest;
import org.mailgate.api.dsn.OriginalRecipient;
import org.mailgate.smtp.config.SmtpServersConfig;
import org.mailgate.smtp.session.SessionServices;
import org.mailgate.testkit.smtp.SmtpDialogue;

/** The DSN extension (RFC 3461) at SMTP time: advertised, parameters checked, kept with the accepted mail. */
class DsnParametersTest {

    final RecordingSpool spool = new RecordingSpool();
    SmtpServer server;
    SmtpDialogue smtp;

    @BeforeEach
    void start() throws Exception {
        server = new SmtpServer(new SmtpServersConfig(List.of(SmtpServerTest.config("127.0.0.0/8"))),
                new SessionServices(spool, SmtpServerTest.LOCAL, Clock.systemUTC()), Duration.ofSeconds(2));
        server.start();
        smtp = SmtpDialogue.connect(server.addresses().get(0));
        smtp.expect(220);
    }

    @AfterEach
    void stop() {
        smtp.close();
        server.stop();
    }

    static MailAddress address(String text) throws Exception {
        return new MailAddress(text);
    }

    /** Sends DATA and a small message after the envelope commands, expecting 250. */
    DsnRequest accepted() {
        smtp.send("DATA").expect(354);
        assertThat(smtp.sendData(SmtpServerTest.MESSAGE.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).code())
                .isEqualTo(250);
        List<RecordingSpool.Accepted> all = spool.accepted();
        return DsnRequest.fromAttributes(all.get(all.size() - 1).arrival().attributes());
    }

    @Test
    void ehloAdvertisesDsn() {
        assertThat(smtp.ehlo("client.example").hasKeyword("DSN")).isTrue();
    }

    @Test
    void everyParameterIsKeptWithTheAcceptedMailAsGiven() throws Exception {
        smtp.ehlo("client.example");
        smtp.send("MAIL FROM:<alice@example.org> RET=hdrs ENVID=QQ+2B314159 SIZE=100").expect(250);
        smtp.send("RCPT TO:<bob@local.example> NOTIFY=success,Failure ORCPT=rfc822;Bob+2Btag@Local.Example").expect(250);
        smtp.send("RCPT TO:<carol@local.example> NOTIFY=NEVER").expect(250);
        smtp.send("RCPT TO:<dave@local.example>").expect(250);
        smtp.send("RCPT TO:<erin@local.example> ORCPT=x400;c+3DUS").expect(250);

        DsnRequest dsn = accepted();
        assertThat(dsn.envelopeId()).contains("QQ+2B314159");
        assertThat(dsn.decodedEnvelopeId()).contains("QQ+314159");
        assertThat(dsn.ret()).contains(Ret.HDRS);
        assertThat(dsn.notify(address("bob@local.example"))).contains(Set.of(Notify.SUCCESS, Notify.FAILURE));
        assertThat(dsn.originalRecipient(address("bob@local.example")))
                .contains(new OriginalRecipient("rfc822", "Bob+2Btag@Local.Example"));
        assertThat(dsn.notify(address("carol@local.example"))).contains(Set.of(Notify.NEVER));
        assertThat(dsn.recipients()).doesNotContainKey(address("dave@local.example"));
        assertThat(dsn.originalRecipient(address("erin@local.example")).map(OriginalRecipient::address))
                .contains("c=US");
    }

    @Test
    void mailWithoutDsnParametersCarriesNoDsnAttributes() {
        smtp.ehlo("client.example");
        smtp.send("MAIL FROM:<alice@example.org>").expect(250);
        smtp.send("RCPT TO:<bob@local.example>").expect(250);
        assertThat(accepted()).isEqualTo(DsnRequest.NONE);
        assertThat(spool.accepted().get(0).arrival().attributes())
                .noneMatch(a -> a.getName().asString().contains("dsn"));
    }

    @Test
    void badValuesGet501SayingWhatIsWrong() throws Exception {
        smtp.ehlo("client.example");
        assertThat(smtp.command("MAIL FROM:<a@example.org> RET=BODY").text())
                .isEqualTo("5.5.4 RET value 'BODY' is not FULL or HDRS");
        assertThat(smtp.command("MAIL FROM:<a@example.org> RET").text()).isEqualTo("5.5.4 RET needs a value: FULL or HDRS");
        assertThat(smtp.command("MAIL FROM:<a@example.org> ENVID=" + "x".repeat(101)).text())
                .isEqualTo("5.5.4 ENVID longer than 100 characters");
        assertThat(smtp.command("MAIL FROM:<a@example.org> ENVID=a+0Db").text())
                .isEqualTo("5.5.4 ENVID must decode to printable US-ASCII");
        assertThat(smtp.command("MAIL FROM:<a@example.org> ENVID=a+4").code()).isEqualTo(501);
        assertThat(smtp.command("MAIL FROM:<a@example.org> ENVID=x RET=FULL ENVID=y").text())
                .isEqualTo("5.5.4 Parameter ENVID given twice");

        smtp.send("MAIL FROM:<a@example.org> ENVID=" + "x".repeat(100)).expect(250);
        assertThat(smtp.command("RCPT TO:<bob@local.example> NOTIFY=NEVER,SUCCESS").text())
                .isEqualTo("5.5.4 NOTIFY=NEVER must stand alone, without SUCCESS, FAILURE or DELAY");
        assertThat(smtp.command("RCPT TO:<bob@local.example> NOTIFY=ALWAYS").text())
                .isEqualTo("5.5.4 NOTIFY value 'ALWAYS' is not NEVER, SUCCESS, FAILURE or DELAY");
        assertThat(smtp.command("RCPT TO:<bob@local.example> NOTIFY=").code()).isEqualTo(501);
        assertThat(smtp.command("RCPT TO:<bob@local.example> ORCPT=bob@local.example").text())
                .isEqualTo("5.5.4 ORCPT must be address-type;address, e.g. rfc822;bob@example.com");
        assertThat(smtp.command("RCPT TO:<bob@local.example> ORCPT=rfc822;bob=x").text())
                .startsWith("5.5.4 ORCPT address is not xtext: '=' at position 4");
        assertThat(smtp.command("RCPT TO:<bob@local.example> NOTIFY=NEVER NOTIFY=FAILURE").text())
                .isEqualTo("5.5.4 Parameter NOTIFY given twice");
        assertThat(smtp.command("RCPT TO:<dave@local.example> ORCPT=rfc822;" + "d".repeat(494)).text())
                .isEqualTo("5.5.4 ORCPT longer than 500 characters");
        smtp.send("RCPT TO:<carol@local.example> ORCPT=rfc822;" + "c".repeat(493)).expect(250);
        smtp.send("RCPT TO:<bob@local.example> NOTIFY=DELAY").expect(250);
        assertThat(accepted().notify(new MailAddress("bob@local.example"))).contains(Set.of(Notify.DELAY));
    }

    @Test
    void aParameterOnTheWrongCommandOrWithoutEhloGets555() {
        smtp.ehlo("client.example");
        assertThat(smtp.command("MAIL FROM:<a@example.org> NOTIFY=NEVER").text())
                .isEqualTo("5.5.4 Unsupported parameter NOTIFY");
        smtp.send("MAIL FROM:<a@example.org>").expect(250);
        assertThat(smtp.command("RCPT TO:<bob@local.example> RET=FULL").text()).isEqualTo("5.5.4 Unsupported parameter RET");
        smtp.send("RSET").expect(250);
        smtp.send("HELO client.example").expect(250);
        assertThat(smtp.command("MAIL FROM:<a@example.org> ENVID=x").text()).isEqualTo("5.5.4 Unsupported parameter ENVID");
        smtp.send("MAIL FROM:<a@example.org>").expect(250);
        assertThat(smtp.command("RCPT TO:<bob@local.example> NOTIFY=NEVER").code()).isEqualTo(555);
    }

    @Test
    void aNewTransactionStartsWithoutTheParametersOfTheLast() {
        smtp.ehlo("client.example");
        smtp.send("MAIL FROM:<a@example.org> ENVID=first RET=FULL").expect(250);
        smtp.send("RCPT TO:<bob@local.example> NOTIFY=NEVER").expect(250);
        assertThat(accepted().envelopeId()).contains("first");
        smtp.send("MAIL FROM:<a@example.org> ENVID=other").expect(250);
        smtp.send("RCPT TO:<bob@local.example> NOTIFY=FAILURE").expect(250);
        smtp.send("RSET").expect(250);
        smtp.send("MAIL FROM:<a@example.org>").expect(250);
        smtp.send("RCPT TO:<bob@local.example>").expect(250);
        assertThat(accepted()).isEqualTo(DsnRequest.NONE);
    }

    @Test
    void aRepeatedRecipientKeepsWhatItWasFirstGiven() throws Exception {
        smtp.ehlo("client.example");
        smtp.send("MAIL FROM:<a@example.org>").expect(250);
        smtp.send("RCPT TO:<bob@local.example> NOTIFY=SUCCESS").expect(250);
        smtp.send("RCPT TO:<bob@local.example> NOTIFY=NEVER").expect(250);
        assertThat(accepted().notify(address("bob@local.example"))).contains(Set.of(Notify.SUCCESS));
        assertThat(spool.accepted().get(0).envelope().recipients()).hasSize(1);
    }
}
