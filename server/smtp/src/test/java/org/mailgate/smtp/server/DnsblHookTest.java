package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/** DNSRBLHandler over real SMTP sessions, the lists served by the loopback DNS server. */
class DnsblHookTest {

    private static final String LISTED_NAME = "1.0.0.127.bl.example";

    @RegisterExtension
    final SenderCheckServer smtp = new SenderCheckServer();

    private static String dnsbl(String inside) {
        return "<handler class=\"org.apache.james.smtpserver.fastfail.DNSRBLHandler\">" + inside + "</handler>";
    }

    private static String blocklist() {
        return dnsbl("<rblservers><blacklist>bl.example</blacklist></rblservers>");
    }

    private SmtpReply rcpt(String to) {
        return smtp.rcpt("client.example.net", "a@example.net", to);
    }

    @Test
    void aListedClientIsRefusedAtRcptButMayStillWriteToPostmasterAndAbuse() {
        smtp.dns.a(LISTED_NAME, "127.0.0.2");
        smtp.start(blocklist());
        try (SmtpDialogue client = smtp.connect("client.example.net")) {
            client.send("MAIL FROM:<a@example.net>").expect(250);
            SmtpReply refused = client.send("RCPT TO:<bob@local.example>").expect(554);
            assertThat(refused.enhancedStatus()).contains("5.7.1");
            assertThat(refused.text()).contains("127.0.0.1").contains("bl.example");
            client.send("RCPT TO:<postmaster@local.example>").expect(250);
            client.send("RCPT TO:<Abuse@local.example>").expect(250);
            client.send("RCPT TO:<postmaster>").expect(250);
        }
        assertThat(smtp.dns.queries()).contains(LISTED_NAME + ". A");
    }

    @Test
    void aClientNotListedIsAccepted() {
        smtp.dns.a("2.0.0.127.bl.example", "127.0.0.2");
        smtp.start(blocklist());
        assertThat(rcpt("bob@local.example").code()).isEqualTo(250);
    }

    @Test
    void anAnswerOutside127000IsNotAListing() {
        smtp.dns.a(LISTED_NAME, "192.0.2.1");
        smtp.start(blocklist());
        assertThat(rcpt("bob@local.example").code()).isEqualTo(250);
    }

    @Test
    void anAllowListZoneExemptsTheClient() {
        smtp.dns.a(LISTED_NAME, "127.0.0.2").a("1.0.0.127.wl.example", "127.0.0.2");
        smtp.start(dnsbl("<rblservers><whitelist>wl.example</whitelist><blacklist>bl.example</blacklist>"
                + "</rblservers>"));
        assertThat(rcpt("bob@local.example").code()).isEqualTo(250);
        assertThat(smtp.dns.queries()).doesNotContain(LISTED_NAME + ". A");
    }

    @Test
    void allowedNetworksAndAuthorizedClientsAreNotLookedUp() {
        smtp.dns.a(LISTED_NAME, "127.0.0.2");
        smtp.start(dnsbl("<rblservers><blacklist>bl.example</blacklist></rblservers>"
                + "<allowedNetworks>127.0.0.0/8</allowedNetworks>"));
        assertThat(rcpt("bob@local.example").code()).isEqualTo(250);
        assertThat(smtp.dns.queries()).isEmpty();
    }

    @Test
    void clientsOfAuthorizedAddressesAreNotLookedUp() {
        smtp.dns.a(LISTED_NAME, "127.0.0.2");
        smtp.start(blocklist(), "127.0.0.1:0", "127.0.0.0/8", Optional.empty());
        assertThat(rcpt("bob@local.example").code()).isEqualTo(250);
        assertThat(smtp.dns.queries()).isEmpty();
    }

    @Test
    void getDetailPutsTheListsTxtRecordIntoTheReply() {
        smtp.dns.a(LISTED_NAME, "127.0.0.2").txt(LISTED_NAME, "Listed since 2026, see https://bl.example/q?127.0.0.1");
        smtp.start(dnsbl("<rblservers><blacklist>bl.example</blacklist></rblservers><getDetail>true</getDetail>"));
        SmtpReply refused = rcpt("bob@local.example");
        assertThat(refused.code()).isEqualTo(554);
        assertThat(refused.text()).contains("Listed since 2026, see https://bl.example/q?127.0.0.1");
    }

    @Test
    void eachListMayHaveItsOwnReplyText() {
        smtp.dns.a("1.0.0.127.second.example", "127.0.0.4");
        smtp.start(dnsbl("<rblservers><blacklist>bl.example</blacklist>"
                + "<blacklist reply=\"Your address {ip} is on our private list\">second.example</blacklist>"
                + "</rblservers>"));
        SmtpReply refused = rcpt("bob@local.example");
        assertThat(refused.code()).isEqualTo(554);
        assertThat(refused.text()).contains("Your address 127.0.0.1 is on our private list");
    }

    @Test
    void aListThatDoesNotAnswerGivesATemporaryFailure() {
        smtp.dns.timeout(LISTED_NAME);
        smtp.start(blocklist());
        SmtpReply refused = rcpt("bob@local.example");
        assertThat(refused.code()).isEqualTo(451);
        assertThat(refused.enhancedStatus()).contains("4.4.3");
    }

    @Test
    void ipv6ClientsAreLookedUpByReversedNibbles() {
        String nibbles = "1" + ".0".repeat(31);
        smtp.dns.a(nibbles + ".bl.example", "127.0.0.2");
        smtp.start(blocklist(), "[::1]:0", "192.0.2.0/24", Optional.empty());
        assertThat(rcpt("bob@local.example").code()).isEqualTo(554);
        assertThat(smtp.dns.queries()).contains(nibbles + ".bl.example. A");
    }
}
