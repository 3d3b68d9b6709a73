package org.mailgate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.james.core.Domain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.dns.MxRecord;
import org.mailgate.testkit.dns.LoopbackDnsServer;

class DnsJavaResolverTest {

    LoopbackDnsServer dns;
    DnsJavaResolver resolver;

    @BeforeEach
    void start() {
        dns = LoopbackDnsServer.start();
        resolver = new DnsJavaResolver(new DnsServiceConfig(List.of(new InetSocketAddress("127.0.0.1", dns.port())),
                false, 1000, Duration.ofMinutes(5), Duration.ofSeconds(1)));
        resolver.start();
    }

    @AfterEach
    void stop() {
        resolver.stop();
        dns.close();
    }

    @Test
    void mxRecordsComeByPreference() throws Exception {
        dns.mx("example.com", 20, "backup.example.com").mx("example.com", 10, "Primary.Example.com");
        assertThat(resolver.mx(Domain.of("example.com")))
                .containsExactly(new MxRecord(10, "primary.example.com"), new MxRecord(20, "backup.example.com"));
    }

    @Test
    void equalPreferencesAreShuffled() {
        Set<String> firsts = new HashSet<>();
        List<MxRecord> records = List.of(new MxRecord(10, "a"), new MxRecord(10, "b"), new MxRecord(10, "c"),
                new MxRecord(5, "first"));
        for (int i = 0; i < 200; i++) {
            List<MxRecord> ordered = DnsJavaResolver.byPreferenceShuffled(records);
            assertThat(ordered.get(0).host()).isEqualTo("first");
            firsts.add(ordered.get(1).host());
        }
        assertThat(firsts).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aDomainWithoutMxGivesAnEmptyList() throws Exception {
        dns.a("plain.example", "127.0.0.1");
        assertThat(resolver.mx(Domain.of("plain.example"))).isEmpty();
    }

    @Test
    void aNullMxIsReturnedAsSuch() throws Exception {
        dns.nullMx("nomail.example");
        assertThat(resolver.mx(Domain.of("nomail.example"))).singleElement().satisfies(r ->
                assertThat(r.isNullMx()).isTrue());
    }

    @Test
    void nxdomainIsPermanent() {
        assertThatThrownBy(() -> resolver.mx(Domain.of("nowhere.example")))
                .isInstanceOfSatisfying(DnsException.class, e -> assertThat(e.isPermanent()).isTrue());
        assertThatThrownBy(() -> resolver.addresses("nowhere.example"))
                .isInstanceOfSatisfying(DnsException.class, e -> assertThat(e.isPermanent()).isTrue());
    }

    @Test
    void servfailIsTemporary() {
        dns.servfail("broken.example");
        assertThatThrownBy(() -> resolver.mx(Domain.of("broken.example")))
                .isInstanceOfSatisfying(DnsException.class, e -> assertThat(e.isPermanent()).isFalse());
    }

    @Test
    void noAnswerIsTemporary() {
        dns.timeout("silent.example");
        assertThatThrownBy(() -> resolver.mx(Domain.of("silent.example")))
                .isInstanceOfSatisfying(DnsException.class, e -> assertThat(e.isPermanent()).isFalse());
    }

    @Test
    void addressesAreIpv4ThenIpv6() throws Exception {
        dns.aaaa("dual.example", "::1").a("dual.example", "127.0.0.3");
        assertThat(resolver.addresses("dual.example")).containsExactly(InetAddress.getByName("127.0.0.3"),
                InetAddress.getByName("::1"));
    }

    @Test
    void ipLiteralsNeedNoQuery() throws Exception {
        assertThat(resolver.addresses("192.0.2.1")).containsExactly(InetAddress.getByName("192.0.2.1"));
        assertThat(resolver.addresses("[2001:db8::1]")).containsExactly(InetAddress.getByName("2001:db8::1"));
        assertThat(dns.queryCount()).isZero();
    }

    @Test
    void answersAreCachedWithinTheirTtl() throws Exception {
        dns.mx("cached.example", 10, "mx.cached.example");
        resolver.mx(Domain.of("cached.example"));
        int asked = dns.queryCount();
        resolver.mx(Domain.of("cached.example"));
        assertThat(dns.queryCount()).isEqualTo(asked);
    }

    @Test
    void nxdomainIsCachedToo() {
        assertThatThrownBy(() -> resolver.mx(Domain.of("gone.example"))).isInstanceOf(DnsException.class);
        int asked = dns.queryCount();
        assertThatThrownBy(() -> resolver.mx(Domain.of("gone.example"))).isInstanceOf(DnsException.class);
        assertThat(dns.queryCount()).isEqualTo(asked);
    }
}
