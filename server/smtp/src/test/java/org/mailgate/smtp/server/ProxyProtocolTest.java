package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.mailgate.api.net.NetworkList;
import org.mailgate.smtp.config.LimitsConfig;
import org.mailgate.smtp.config.SmtpServerConfig;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * The PROXY protocol (v1 text, v2 binary) from a trusted load balancer on loopback: the client it names
 * is the client for every decision, the Received header and the arrival; anything else is closed.
 */
class ProxyProtocolTest {

    static final String MESSAGE = "From: a@example.org\r\nSubject: hi\r\n\r\nHello\r\n";

    static ServerFixture proxied(String bind, String trusted, String authorized, UnaryOperator<LimitsConfig> more)
            throws Exception {
        SmtpServerConfig config = SmtpServerConfig.of(new InetSocketAddress(bind, 0), "mx.local.example",
                NetworkList.parse(authorized));
        return new ServerFixture(config, l -> more.apply(l.withProxy(new LimitsConfig.ProxyProtocol(true,
                NetworkList.parse(trusted), Duration.ofMillis(500)))));
    }

    static ServerFixture proxied(String authorized) throws Exception {
        return proxied("127.0.0.1", "127.0.0.1", authorized, l -> l);
    }

    /** A connection through the "proxy" (this test, on 127.0.0.1), its header sent, its 220 read. */
    static SmtpDialogue through(ServerFixture server, byte[] header) {
        SmtpDialogue smtp = server.open();
        smtp.sendRaw(header);
        smtp.expect(220);
        return smtp;
    }

    static byte[] v1(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 header: signature, version 2 and command, family and transport, length, then the body. */
    static byte[] v2(int command, int family, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        out.write(0x20 | command);
        out.write(family);
        out.write(body.length >> 8);
        out.write(body.length & 0xff);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A v2 PROXY header over TCP for {@code source} (IPv4 or IPv6) to {@code destination}. */
    static byte[] v2(String source, int sourcePort, String destination) throws Exception {
        byte[] from = InetAddress.getByName(source).getAddress();
        byte[] to = InetAddress.getByName(destination).getAddress();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(from);
        body.writeBytes(to);
        body.write(sourcePort >> 8);
        body.write(sourcePort & 0xff);
        body.write(0);
        body.write(25);
        body.writeBytes(new byte[]{0x04, 0x00, 0x01, 0x7f}); // a TLV (PP2_TYPE_NOOP), to be skipped
        return v2(1, (from.length == 4 ? 0x10 : 0x20) | 0x01, body.toByteArray());
    }

    private static RecordingSpool.Accepted sendOne(ServerFixture server, SmtpDialogue smtp, String recipient) {
        smtp.ehlo("client.example");
        assertThat(smtp.sendMail("a@example.org", List.of(recipient), MESSAGE).code()).isEqualTo(250);
        return server.spool.accepted().get(server.spool.accepted().size() - 1);
    }

    @Test
    void v1NamesTheRealClientForTheReceivedHeaderAndTheArrival() throws Exception {
        try (ServerFixture server = proxied("127.0.0.0/8");
             SmtpDialogue smtp = through(server, v1("PROXY TCP4 192.0.2.10 192.0.2.1 56324 25"))) {
            assertThat(smtp.ehlo("client.example").lines().get(0)).endsWith("[192.0.2.10]");
            RecordingSpool.Accepted accepted = sendOne(server, smtp, "b@local.example");
            assertThat(accepted.text()).startsWith("Received: from client.example (unknown [192.0.2.10])\r\n");
            assertThat(accepted.arrival().remoteAddr()).isEqualTo("192.0.2.10");
        }
    }

    @Test
    void authorizedAddressesApplyToTheRealClientNotTheProxy() throws Exception {
        try (ServerFixture server = proxied("192.0.2.0/24")) {
            try (SmtpDialogue outsider = through(server, v1("PROXY TCP4 198.51.100.7 192.0.2.1 4000 25"))) {
                outsider.ehlo("outsider.example");
                outsider.send("MAIL FROM:<a@example.org>").expect(250);
                assertThat(outsider.command("RCPT TO:<someone@elsewhere.example>").code())
                        .as("the proxy is on 127.0.0.1, but the client is not authorised").isEqualTo(550);
            }
            try (SmtpDialogue insider = through(server, v1("PROXY TCP4 192.0.2.10 192.0.2.1 4000 25"))) {
                sendOne(server, insider, "someone@elsewhere.example");
            }
        }
    }

    @Test
    void v1WithAnIpv6Client() throws Exception {
        try (ServerFixture server = proxied("2001:db8::/32");
             SmtpDialogue smtp = through(server, v1("PROXY TCP6 2001:db8::7 2001:db8::1 40000 25"))) {
            RecordingSpool.Accepted accepted = sendOne(server, smtp, "someone@elsewhere.example");
            assertThat(accepted.text()).startsWith("Received: from client.example (unknown [IPv6:2001:db8::7])\r\n");
            assertThat(accepted.arrival().remoteAddr()).isEqualTo("2001:db8::7");
        }
    }

    @Test
    void v2WithIpv4AndIpv6Clients() throws Exception {
        try (ServerFixture server = proxied("2001:db8::/32")) {
            try (SmtpDialogue v4 = through(server, v2("198.51.100.7", 5000, "192.0.2.1"))) {
                RecordingSpool.Accepted accepted = sendOne(server, v4, "b@local.example");
                assertThat(accepted.arrival().remoteAddr()).isEqualTo("198.51.100.7");
                v4.send("MAIL FROM:<a@example.org>").expect(250);
                assertThat(v4.command("RCPT TO:<x@elsewhere.example>").code()).isEqualTo(550);
            }
            // two runs of two zero groups: RFC 5952 shortens the first
            try (SmtpDialogue v6 = through(server, v2("2001:db8:0:0:1::5", 5000, "2001:db8::1"))) {
                RecordingSpool.Accepted accepted = sendOne(server, v6, "someone@elsewhere.example");
                assertThat(accepted.text()).startsWith("Received: from client.example (unknown [IPv6:2001:db8::1:0:0:5])");
                assertThat(accepted.arrival().remoteAddr()).isEqualTo("2001:db8::1:0:0:5");
            }
        }
    }

    @Test
    void v2LocalAndV1UnknownMeanTheProxyItself() throws Exception {
        try (ServerFixture server = proxied("127.0.0.0/8")) {
            try (SmtpDialogue local = through(server, v2(0, 0x00, new byte[0]))) {
                assertThat(sendOne(server, local, "b@local.example").arrival().remoteAddr()).isEqualTo("127.0.0.1");
            }
            try (SmtpDialogue unknown = through(server, v1("PROXY UNKNOWN"))) {
                assertThat(sendOne(server, unknown, "b@local.example").arrival().remoteAddr()).isEqualTo("127.0.0.1");
            }
        }
    }

    @Test
    void aProxyHeaderFromAnUntrustedAddressIsRefused() throws Exception {
        try (ServerFixture server = proxied("127.0.0.1", "10.0.0.0/8", "127.0.0.0/8", l -> l);
             SmtpDialogue smtp = server.open()) {
            smtp.sendRaw(v1("PROXY TCP4 192.0.2.10 192.0.2.1 56324 25"));
            smtp.expectClosed();
        }
    }

    @Test
    void malformedOrMissingHeadersAreRefused() throws Exception {
        List<byte[]> bad = List.of(
                v1("EHLO not-a-proxy.example"),
                v1("PROXY TCP4 300.0.2.10 192.0.2.1 56324 25"),
                v1("PROXY TCP4 2001:db8::7 192.0.2.1 56324 25"),
                v1("PROXY TCP4 192.0.2.10 192.0.2.1 56324"),
                v1("PROXY TCP4 192.0.2.10 192.0.2.1 65536 25"),
                v1("PROXY TCP4 192.0.2.10 192.0.2.1 1 25 " + "x".repeat(100)),
                "PROXY TCP4 192.0.2.10 192.0.2.1 56324 25\n".getBytes(StandardCharsets.US_ASCII),
                v2(1, 0x11, new byte[6]),
                v2(2, 0x11, new byte[12]),
                v2(1, 0x12, new byte[12]),
                with(v2(1, 0x11, new byte[12]), 12, (byte) 0x31));
        try (ServerFixture server = proxied("127.0.0.0/8")) {
            for (byte[] header : bad) {
                try (SmtpDialogue smtp = server.open()) {
                    smtp.sendRaw(header);
                    smtp.expectClosed();
                }
            }
            try (SmtpDialogue silent = server.open()) {
                silent.expectClosed();
            }
            try (SmtpDialogue truncated = server.open()) {
                truncated.sendRaw("PROXY TCP4 192.0.2.10");
                truncated.expectClosed();
            }
            try (SmtpDialogue fine = through(server, v1("PROXY TCP4 192.0.2.10 192.0.2.1 56324 25"))) {
                assertThat(fine.command("NOOP").code()).as("the server still serves good headers").isEqualTo(250);
            }
        }
    }

    private static byte[] with(byte[] bytes, int index, byte value) {
        bytes[index] = value;
        return bytes;
    }

    @Test
    void perClientLimitsCountTheRealClientsNotTheProxy() throws Exception {
        SmtpServerConfig config = SmtpServerConfig.of(new InetSocketAddress("127.0.0.1", 0), "mx.local.example",
                NetworkList.parse("10.0.0.0/8")).withConnectionLimits(0, 1);
        try (ServerFixture server = new ServerFixture(config, l -> l.withProxy(new LimitsConfig.ProxyProtocol(true,
                NetworkList.parse("127.0.0.1"), Duration.ofSeconds(5))));
             SmtpDialogue first = through(server, v1("PROXY TCP6 2001:db8::1 2001:db8::99 1000 25"));
             SmtpDialogue otherNetwork = through(server, v1("PROXY TCP6 2001:db8:0:1::1 2001:db8::99 1000 25"));
             SmtpDialogue otherV4 = through(server, v1("PROXY TCP4 192.0.2.10 192.0.2.1 1000 25"));
             SmtpDialogue sameSlash64 = server.open()) {
            sameSlash64.sendRaw(v1("PROXY TCP6 2001:db8::2 2001:db8::99 1000 25"));
            assertThat(sameSlash64.read()).hasToString(
                    "421 4.7.0 Too many connections from your address, try again later");
            sameSlash64.expectClosed();
            assertThat(first.command("NOOP").code()).isEqualTo(250);
            assertThat(otherNetwork.command("NOOP").code()).isEqualTo(250);
            assertThat(otherV4.command("NOOP").code()).isEqualTo(250);
        }
    }

    @Test
    void withoutAGreetingDelayInputAlreadyThereAtTheGreetingIsEarlyTalk() throws Exception {
        // The header and the client's command arrive in one segment: when the server is about to greet,
        // the command is already waiting. (Without a proxy the same holds, but a test cannot be sure
        // the bytes arrive before the server looks.)
        try (ServerFixture server = proxied("127.0.0.0/8");
             SmtpDialogue smtp = server.open()) {
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(v1("PROXY TCP4 192.0.2.10 192.0.2.1 56324 25"));
            both.writeBytes("EHLO eager.example\r\n".getBytes(StandardCharsets.US_ASCII));
            smtp.sendRaw(both.toByteArray());
            assertThat(smtp.read()).hasToString("554 5.5.1 Protocol error: you sent commands before the greeting");
            smtp.expectClosed();
        }
    }

    @Test
    void aProxyOnIpv6Loopback() throws Exception {
        try (ServerFixture server = proxied("::1", "::1", "192.0.2.0/24", l -> l);
             SmtpDialogue smtp = through(server, v1("PROXY TCP4 192.0.2.10 192.0.2.1 56324 25"))) {
            RecordingSpool.Accepted accepted = sendOne(server, smtp, "someone@elsewhere.example");
            assertThat(accepted.arrival().remoteAddr()).isEqualTo("192.0.2.10");
        }
    }
}
