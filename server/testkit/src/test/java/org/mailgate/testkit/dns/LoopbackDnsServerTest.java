package org.mailgate.testkit.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class LoopbackDnsServerTest {

    private final LoopbackDnsServer dns = LoopbackDnsServer.start();

    @AfterEach
    void stop() {
        dns.close();
    }

    /** A resolver that asks only the loopback server. */
    private SimpleResolver resolver(boolean tcp, Duration timeout) {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dns.port()));
        resolver.setTCP(tcp);
        resolver.setTimeout(timeout);
        return resolver;
    }

    private Message ask(String name, int type, boolean tcp) throws IOException {
        return resolver(tcp, Duration.ofSeconds(5)).send(query(name, type));
    }

    private static Message query(String name, int type) throws IOException {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    private static List<Record> answers(Message response) {
        return response.getSection(Section.ANSWER);
    }

    @Test
    void bindsUdpAndTcpOnOneLoopbackPort() {
        assertThat(dns.port()).isPositive();
        assertThat(dns.hostAndPort()).isEqualTo("127.0.0.1:" + dns.port());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void answersMxAndAddressRecordsAuthoritatively(boolean tcp) throws Exception {
        dns.mx("example.com", 10, "mx.example.com").mx("example.com.", 20, "MX2.example.com")
                .a("mx.example.com", "127.0.0.1").aaaa("mx.example.com", "::1");

        Message mx = ask("example.com.", Type.MX, tcp);
        assertThat(mx.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(mx.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(answers(mx)).map(r -> ((MXRecord) r).getPriority() + " " + ((MXRecord) r).getTarget())
                .containsExactly("10 mx.example.com.", "20 mx2.example.com.");

        Message a = ask("MX.Example.COM.", Type.A, tcp);
        assertThat(answers(a)).singleElement()
                .satisfies(r -> assertThat(((ARecord) r).getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1")));
        Message aaaa = ask("mx.example.com.", Type.AAAA, tcp);
        assertThat(answers(aaaa)).singleElement()
                .satisfies(r -> assertThat(((AAAARecord) r).getAddress()).isEqualTo(InetAddress.getByName("::1")));
        assertThat(answers(mx).get(0).getTTL()).isEqualTo(300);
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void aKnownNameWithoutTheTypeIsNodataWithAnSoa(boolean tcp) throws Exception {
        dns.a("host.example.com", "127.0.0.1");

        Message nodata = ask("host.example.com.", Type.MX, tcp);

        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answers(nodata)).isEmpty();
        assertThat(nodata.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void anUnknownNameIsNxdomain(boolean tcp) throws Exception {
        dns.a("host.example.com", "127.0.0.1");

        Message nxdomain = ask("other.example.com.", Type.A, tcp);

        assertThat(nxdomain.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(answers(nxdomain)).isEmpty();
        assertThat(nxdomain.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
    }

    @Test
    void nullMxTxtAndPtrRecords() throws Exception {
        dns.nullMx("nomail.example").txt("example.com", "v=spf1 -all")
                .ptr("127.0.0.2", "two.example.com").ptr("2001:db8::1", "six.example.com");

        assertThat(answers(ask("nomail.example.", Type.MX, false))).singleElement().satisfies(r -> {
            assertThat(((MXRecord) r).getPriority()).isZero();
            assertThat(((MXRecord) r).getTarget()).isEqualTo(Name.root);
        });
        assertThat(answers(ask("example.com.", Type.TXT, false))).singleElement()
                .satisfies(r -> assertThat(((TXTRecord) r).getStrings()).containsExactly("v=spf1 -all"));
        assertThat(answers(ask("2.0.0.127.in-addr.arpa.", Type.PTR, false))).singleElement()
                .satisfies(r -> assertThat(((PTRRecord) r).getTarget().toString()).isEqualTo("two.example.com."));
        assertThat(answers(ask("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.",
                Type.PTR, false))).singleElement()
                .satisfies(r -> assertThat(((PTRRecord) r).getTarget().toString()).isEqualTo("six.example.com."));
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void servfailOverridesRecords(boolean tcp) throws Exception {
        dns.a("broken.example", "127.0.0.1").servfail("broken.example");

        assertThat(ask("broken.example.", Type.A, tcp).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(ask("broken.example.", Type.MX, tcp).getRcode()).isEqualTo(Rcode.SERVFAIL);
    }

    @Test
    void servfailCanTargetOneType() throws Exception {
        dns.a("half.example", "127.0.0.1").servfail("half.example", "aaaa");

        assertThat(ask("half.example.", Type.A, false).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(ask("half.example.", Type.AAAA, false).getRcode()).isEqualTo(Rcode.SERVFAIL);
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void aSilentNameTimesOutWhileOthersAreAnswered(boolean tcp) throws Exception {
        dns.timeout("silent.example").a("loud.example", "127.0.0.1");
        SimpleResolver impatient = resolver(tcp, Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.send(query("silent.example.", Type.MX))).isInstanceOf(IOException.class);
        assertThat(impatient.send(query("loud.example.", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(dns.queries()).contains("silent.example. MX");
    }

    @Test
    void timeoutCanTargetOneType() throws Exception {
        dns.a("half.example", "127.0.0.1").timeout("half.example", "AAAA");
        SimpleResolver impatient = resolver(false, Duration.ofMillis(300));

        assertThat(impatient.send(query("half.example.", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThatThrownBy(() -> impatient.send(query("half.example.", Type.AAAA))).isInstanceOf(IOException.class);
    }

    @Test
    void theZoneChangesWhileRunning() throws Exception {
        assertThat(ask("late.example.", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);

        dns.a("late.example", "127.0.0.1");
        assertThat(answers(ask("late.example.", Type.A, false))).hasSize(1);

        dns.servfail("late.example");
        assertThat(ask("late.example.", Type.A, false).getRcode()).isEqualTo(Rcode.SERVFAIL);

        dns.remove("LATE.example.");
        assertThat(ask("late.example.", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);

        dns.a("late.example", "127.0.0.1").reset();
        assertThat(ask("late.example.", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void ttlAppliesToRecordsAddedAfterwards() throws Exception {
        dns.a("before.example", "127.0.0.1").ttl(60).a("after.example", "127.0.0.1");

        assertThat(answers(ask("before.example.", Type.A, false)).get(0).getTTL()).isEqualTo(300);
        assertThat(answers(ask("after.example.", Type.A, false)).get(0).getTTL()).isEqualTo(60);
        assertThat(((SOARecord) ask("none.example.", Type.A, false).getSection(Section.AUTHORITY).get(0))
                .getMinimum()).isEqualTo(60);
    }

    @Test
    void queriesAreLoggedInOrder() throws Exception {
        dns.mx("example.com", 10, "mx.example.com");

        ask("Example.COM.", Type.MX, false);
        ask("mx.example.com.", Type.A, true);
        ask("nothing.example.", Type.AAAA, false);

        assertThat(dns.queries()).containsExactly("example.com. MX", "mx.example.com. A", "nothing.example. AAAA");
        assertThat(dns.queryCount()).isEqualTo(3);
        dns.reset();
        assertThat(dns.queryCount()).isZero();
    }

    @Test
    void aLargeUdpAnswerIsTruncatedAndTheClientRetriesOverTcp() throws Exception {
        for (int i = 0; i < 40; i++) {
            dns.txt("big.example", "record %02d %s".formatted(i, "x".repeat(60)));
        }
        SimpleResolver udpOnly = resolver(false, Duration.ofSeconds(5));
        udpOnly.setIgnoreTruncation(true);

        Message truncated = udpOnly.send(query("big.example.", Type.TXT));
        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();

        Message full = ask("big.example.", Type.TXT, false);
        assertThat(full.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(answers(full)).hasSize(40);
        assertThat(dns.queries()).containsExactly("big.example. TXT", "big.example. TXT", "big.example. TXT");
    }

    @Test
    void rejectsAddressesOfTheWrongFamilyAndBadNames() {
        assertThatThrownBy(() -> dns.a("host.example", "::1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.aaaa("host.example", "127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.a("host.example", "mx.example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.servfail("host.example", "NOTATYPE"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.ttl(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeEndsOpenTcpConnections() throws Exception {
        try (Socket client = new Socket("127.0.0.1", dns.port())) {
            client.setSoTimeout(5_000);
            InputStream in = client.getInputStream();
            dns.close();
            int read;
            try {
                read = in.read();
            } catch (SocketException reset) {
                read = -1; // closed before it was accepted: reset rather than an orderly close
            }
            assertThat(read).isEqualTo(-1);
        }
        dns.close(); // a second close is harmless
    }
}
