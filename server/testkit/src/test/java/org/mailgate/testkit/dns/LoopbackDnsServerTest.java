package org.mailgate.testkit.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class LoopbackDnsServerTest {

    final LoopbackDnsServer dns = LoopbackDnsServer.start();

    @AfterEach
    void stop() {
        dns.close();
    }

    Message ask(String name, int type, boolean tcp) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dns.port()));
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    @Test
    void answersMxAndAddressRecordsOverUdpAndTcp() throws Exception {
        dns.mx("example.com", 10, "mx.example.com").a("mx.example.com", "127.0.0.1").aaaa("mx.example.com", "::1");
        for (boolean tcp : new boolean[] {false, true}) {
            Message mx = ask("example.com.", Type.MX, tcp);
            assertThat(mx.getRcode()).isEqualTo(Rcode.NOERROR);
            MXRecord record = (MXRecord) mx.getSection(Section.ANSWER).get(0);
            assertThat(record.getPriority()).isEqualTo(10);
            assertThat(record.getTarget().toString()).isEqualTo("mx.example.com.");
            assertThat(ask("MX.Example.COM.", Type.A, tcp).getSection(Section.ANSWER)).hasSize(1);
            assertThat(ask("mx.example.com.", Type.AAAA, tcp).getSection(Section.ANSWER)).hasSize(1);
        }
        assertThat(dns.queries()).contains("example.com. MX", "mx.example.com. A");
    }

    @Test
    void unknownNamesAreNxdomainAndMissingTypesNodata() throws Exception {
        dns.a("host.example.com", "127.0.0.1");
        assertThat(ask("nothing.example.com.", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        Message nodata = ask("host.example.com.", Type.MX, false);
        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(nodata.getSection(Section.AUTHORITY)).hasSize(1);
    }

    @Test
    void nullMxTxtAndPtr() throws Exception {
        dns.nullMx("nomail.example").txt("example.com", "v=spf1 -all").ptr("127.0.0.2", "two.example.com");
        assertThat(((MXRecord) ask("nomail.example.", Type.MX, false).getSection(Section.ANSWER).get(0)).getTarget())
                .isEqualTo(Name.root);
        assertThat(ask("example.com.", Type.TXT, false).getSection(Section.ANSWER).get(0).rdataToString())
                .isEqualTo("\"v=spf1 -all\"");
        assertThat(ask("2.0.0.127.in-addr.arpa.", Type.PTR, false).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void failingAndSilentNames() throws Exception {
        dns.servfail("broken.example").timeout("silent.example");
        assertThat(ask("broken.example.", Type.MX, false).getRcode()).isEqualTo(Rcode.SERVFAIL);
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dns.port()));
        resolver.setTimeout(Duration.ofMillis(300));
        assertThatThrownBy(() -> resolver.send(Message.newQuery(
                Record.newRecord(Name.fromString("silent.example."), Type.MX, DClass.IN))))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void zonesChangeWhileRunning() throws Exception {
        assertThat(ask("late.example.", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        dns.a("late.example", "127.0.0.1");
        assertThat(ask("late.example.", Type.A, false).getSection(Section.ANSWER)).hasSize(1);
        dns.remove("late.example");
        assertThat(ask("late.example.", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }
}
