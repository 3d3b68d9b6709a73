package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.testkit.smtp.SmtpReply;

/** Forward-confirmed reverse DNS of the client (127.0.0.1), over real SMTP sessions. */
class ReverseDnsHookTest {

    private static final String CHECK = "<handler class=\"ForwardConfirmedReverseDns\"/>";

    @RegisterExtension
    final SenderCheckServer smtp = new SenderCheckServer();

    private SmtpReply rcpt(String to) {
        return smtp.rcpt("client.example.net", "a@example.net", to);
    }

    @Test
    void aPtrNameThatResolvesBackToTheClientPasses() {
        smtp.dns.ptr("127.0.0.1", "stale.example.net").a("stale.example.net", "192.0.2.1")
                .ptr("127.0.0.1", "client.example.net").a("client.example.net", "127.0.0.1");
        smtp.start(CHECK);
        assertThat(rcpt("bob@local.example").code()).isEqualTo(250);
    }

    @Test
    void aPtrNameThatDoesNotResolveBackIsRefusedButPostmasterIsReachable() {
        smtp.dns.ptr("127.0.0.1", "forged.example.net").a("forged.example.net", "192.0.2.1");
        smtp.start(CHECK);
        SmtpReply refused = rcpt("bob@local.example");
        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.enhancedStatus()).contains("5.7.25");
        assertThat(rcpt("postmaster@local.example").code()).isEqualTo(250);
    }

    @Test
    void noPtrRecordIsRefused() {
        smtp.start(CHECK);
        assertThat(rcpt("bob@local.example").code()).isEqualTo(550);
    }

    @Test
    void reverseDnsThatDoesNotAnswerGivesATemporaryFailure() {
        smtp.dns.timeout("1.0.0.127.in-addr.arpa");
        smtp.start(CHECK);
        SmtpReply reply = rcpt("bob@local.example");
        assertThat(reply.code()).isEqualTo(451);
        assertThat(reply.enhancedStatus()).contains("4.7.25");
    }
}
