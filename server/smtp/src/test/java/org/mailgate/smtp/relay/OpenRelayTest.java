package org.mailgate.smtp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.net.NetworkList;
import org.mailgate.smtp.config.SmtpServerConfig;
import org.mailgate.smtp.config.SmtpServersConfig;
import org.mailgate.smtp.server.RecordingSpool;
import org.mailgate.smtp.server.SmtpServer;
import org.mailgate.smtp.session.SessionServices;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/**
 * The open-relay matrix: an unauthenticated client outside {@code authorizedAddresses} tries every
 * recipient form that has tricked mail servers into relaying. Each is either refused at RCPT or
 * accepted as mail for a local address, never for another domain.
 */
class OpenRelayTest {

    private static final String LOCAL = "local.example";
    private final RecordingSpool spool = new RecordingSpool();
    private SmtpServer server;

    private SmtpDialogue connect(String authorized) throws Exception {
        server = new SmtpServer(new SmtpServersConfig(List.of(SmtpServerConfig.of(
                new InetSocketAddress("127.0.0.1", 0), "mx." + LOCAL, NetworkList.parse(authorized)))),
                new SessionServices(spool, new OneDomain(LOCAL), Clock.systemUTC()), Duration.ofSeconds(2));
        server.start();
        SmtpDialogue smtp = SmtpDialogue.connect(server.addresses().get(0));
        smtp.expect(220);
        return smtp;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest(name = "RCPT TO:{0} is refused")
    @ValueSource(strings = {
        "<victim@remote.example>",
        "<victim@REMOTE.EXAMPLE>",
        "<@" + LOCAL + ":victim@remote.example>",
        "<@mx." + LOCAL + ",@" + LOCAL + ":victim@remote.example>",
        "<victim@remote.example@" + LOCAL + ">",
        "<victim@[192.0.2.1]>",
        "<victim@[127.0.0.1]>",
        "<victim@[IPv6:::1]>",
        "<victim@remote.example.>",
        "<victim@" + LOCAL + ".remote.example>",
        "<victim@remote.example> ORCPT=rfc822;victim@" + LOCAL,
        "<victim@" + LOCAL + "%remote.example>",
        "<victim@" + LOCAL + ",remote.example>",
        "<\"victim@remote.example\">",
        "victim@remote.example",
        "<victim@remote.example",
        "<<victim@remote.example>>",
        "<victim@remote.example\t>",
    })
    void foreignRecipientFormsAreRefused(String path) throws Exception {
        try (SmtpDialogue smtp = connect("10.0.0.0/8")) {
            smtp.ehlo("client.example");
            smtp.command("MAIL FROM:<spammer@remote.example>");
            SmtpReply reply = smtp.command("RCPT TO:" + path);
            assertThat(reply.code()).as("reply to RCPT TO:%s: %s", path, reply).isBetween(500, 599);
            assertThat(smtp.command("DATA").code()).isEqualTo(554);
        }
        assertThat(spool.accepted()).isEmpty();
    }

    @ParameterizedTest(name = "RCPT TO:{0} stays local")
    @ValueSource(strings = {
        "<victim%remote.example@" + LOCAL + ">",
        "<\"victim@remote.example\"@" + LOCAL + ">",
        "<remote.example!victim@" + LOCAL + ">",
        "<@remote.example:victim@" + LOCAL + ">",
        "<victim@LOCAL.EXAMPLE>",
    })
    void localLookingFormsAreMailForALocalAddressOnly(String path) throws Exception {
        try (SmtpDialogue smtp = connect("10.0.0.0/8")) {
            smtp.ehlo("client.example");
            smtp.command("MAIL FROM:<spammer@remote.example>");
            SmtpReply reply = smtp.command("RCPT TO:" + path);
            if (reply.code() != 250) {
                assertThat(reply.code()).as("reply to RCPT TO:%s: %s", path, reply).isBetween(500, 599);
                return;
            }
            smtp.send("DATA").expect(354);
            assertThat(smtp.sendData("Subject: relay?\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)).code())
                    .isEqualTo(250);
        }
        Await.until(Duration.ofSeconds(5), () -> spool.accepted().size() == 1, () -> "the message stored");
        List<MailAddress> recipients = spool.accepted().get(0).envelope().recipients();
        assertThat(recipients).hasSize(1);
        assertThat(recipients.get(0).getDomain()).isEqualTo(Domain.of(LOCAL));
    }

    @ParameterizedTest(name = "EHLO {0} grants no relaying")
    @ValueSource(strings = {"mx." + LOCAL, LOCAL, "localhost", "[127.0.0.1]", "[10.0.0.1]"})
    void aForgedHeloGrantsNoRelaying(String helo) throws Exception {
        try (SmtpDialogue smtp = connect("10.0.0.0/8")) {
            smtp.ehlo(helo);
            smtp.command("MAIL FROM:<spammer@remote.example>");
            assertThat(smtp.command("RCPT TO:<victim@remote.example>").code()).isEqualTo(550);
        }
    }

    @ParameterizedTest(name = "MAIL FROM:{0} grants no relaying")
    @ValueSource(strings = {"<ceo@" + LOCAL + ">", "<postmaster@" + LOCAL + ">", "<>", "<@" + LOCAL + ":x@" + LOCAL + ">"})
    void aForgedLocalSenderGrantsNoRelaying(String sender) throws Exception {
        try (SmtpDialogue smtp = connect("10.0.0.0/8")) {
            smtp.ehlo("client.example");
            assertThat(smtp.command("MAIL FROM:" + sender).code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<victim@remote.example>").code()).isEqualTo(550);
        }
    }

    @Test
    void anAuthorisedNetworkMayRelay() throws Exception {
        try (SmtpDialogue smtp = connect("127.0.0.0/8")) {
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("app@" + LOCAL, List.of("customer@remote.example"), "Subject: ok\r\n\r\nok\r\n")
                    .code()).isEqualTo(250);
        }
        Await.until(Duration.ofSeconds(5), () -> spool.accepted().size() == 1, () -> "the relayed message stored");
        assertThat(spool.accepted().get(0).envelope().recipients()).extracting(MailAddress::asString)
                .containsExactly("customer@remote.example");
    }

    /** The one local domain of these servers. */
    record OneDomain(String name) implements DomainList {
        @Override
        public boolean isLocal(Domain domain) {
            return domain.asString().equals(name);
        }

        @Override
        public Domain defaultDomain() {
            return Domain.of(name);
        }

        @Override
        public Set<Domain> domains() {
            return Set.of(defaultDomain());
        }
    }
}
