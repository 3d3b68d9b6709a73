package org.mailgate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.james.core.Domain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.dns.MxRecord;
import org.mailgate.testkit.dns.LoopbackDnsServer;

class DnsJavaResolverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final LoopbackDnsServer dns = LoopbackDnsServer.start();
    private final List<LoopbackDnsServer> otherServers = new ArrayList<>();
    private DnsJavaResolver resolver = resolver(config(dns));

    @AfterEach
    void stop() {
        resolver.stop();
        dns.close();
        otherServers.forEach(LoopbackDnsServer::close);
    }

    private static DnsServiceConfig config(LoopbackDnsServer... servers) {
        return config(Duration.ofMinutes(5), servers);
    }

    /** Only the loopback servers: never the system's resolvers. */
    private static DnsServiceConfig config(Duration negativeCacheTtl, LoopbackDnsServer... servers) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (LoopbackDnsServer server : servers) {
            addresses.add(new InetSocketAddress("127.0.0.1", server.port()));
        }
        return new DnsServiceConfig(addresses, false, 1000, negativeCacheTtl, TIMEOUT);
    }

    private DnsJavaResolver restartWith(DnsServiceConfig config) {
        resolver.stop();
        resolver = resolver(config);
        return resolver;
    }

    private static DnsJavaResolver resolver(DnsServiceConfig config) {
        DnsJavaResolver resolver = new DnsJavaResolver(config);
        resolver.start();
        return resolver;
    }

    private LoopbackDnsServer anotherServer() {
        LoopbackDnsServer server = LoopbackDnsServer.start();
        otherServers.add(server);
        return server;
    }

    private static DnsException.Kind kindOf(ThrowingCall call) {
        try {
            call.run();
        } catch (DnsException e) {
            return e.kind();
        }
        throw new AssertionError("no DnsException");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws DnsException;
    }

    @Test
    void mxRecordsComeByPreferenceAsLowerCaseHostNames() throws Exception {
        dns.mx("example.com", 20, "backup.example.com").mx("example.com", 10, "Primary.Example.COM");

        assertThat(resolver.mx(Domain.of("example.com")))
                .containsExactly(new MxRecord(10, "primary.example.com"), new MxRecord(20, "backup.example.com"));
    }

    @Test
    void equalPreferencesComeInRandomOrderEveryTime() throws Exception {
        dns.mx("example.com", 5, "first.example.com")
                .mx("example.com", 10, "a.example.com").mx("example.com", 10, "b.example.com")
                .mx("example.com", 10, "c.example.com").mx("example.com", 20, "last.example.com");
        Set<String> seenSecond = new HashSet<>();
        Set<String> seenFourth = new HashSet<>();

        for (int i = 0; i < 200; i++) {
            List<MxRecord> records = resolver.mx(Domain.of("example.com"));
            assertThat(records).extracting(MxRecord::preference).containsExactly(5, 10, 10, 10, 20);
            assertThat(records.get(0).host()).isEqualTo("first.example.com");
            assertThat(records.get(4).host()).isEqualTo("last.example.com");
            seenSecond.add(records.get(1).host());
            seenFourth.add(records.get(3).host());
        }

        assertThat(seenSecond).containsExactlyInAnyOrder("a.example.com", "b.example.com", "c.example.com");
        assertThat(seenFourth).containsExactlyInAnyOrder("a.example.com", "b.example.com", "c.example.com");
        assertThat(dns.queryCount()).as("answered from the cache after the first lookup").isEqualTo(1);
    }

    @Test
    void sortingKeepsEveryRecord() {
        List<MxRecord> records = List.of(new MxRecord(10, "a"), new MxRecord(10, "b"), new MxRecord(5, "first"),
                new MxRecord(10, "c"));

        assertThat(DnsJavaResolver.byPreferenceShuffled(records)).hasSize(4).startsWith(new MxRecord(5, "first"))
                .containsExactlyInAnyOrderElementsOf(records);
    }

    @Test
    void aNullMxIsReturnedAsSuch() throws Exception {
        dns.nullMx("nomail.example");

        assertThat(resolver.mx(Domain.of("nomail.example"))).containsExactly(new MxRecord(0, "."))
                .allSatisfy(r -> assertThat(r.isNullMx()).isTrue());
    }

    @Test
    void aDomainWithoutMxRecordsGivesAnEmptyListFromTheServerAndFromTheCache() throws Exception {
        dns.a("plain.example", "127.0.0.1");

        assertThat(resolver.mx(Domain.of("plain.example"))).isEmpty();
        assertThat(resolver.mx(Domain.of("plain.example"))).isEmpty();
        assertThat(dns.queryCount()).isEqualTo(1);
    }

    @Test
    void nxdomainIsPermanent() {
        assertThat(kindOf(() -> resolver.mx(Domain.of("nowhere.example")))).isEqualTo(DnsException.Kind.NO_SUCH_DOMAIN);
        assertThat(kindOf(() -> resolver.addresses("nowhere.example"))).isEqualTo(DnsException.Kind.NO_SUCH_DOMAIN);
        assertThatThrownBy(() -> resolver.mx(Domain.of("nowhere.example")))
                .hasMessageContaining("nowhere.example").hasMessageContaining("NXDOMAIN");
    }

    @Test
    void servfailIsTemporaryAndNotCached() throws Exception {
        dns.mx("broken.example", 10, "mx.broken.example").servfail("broken.example");

        assertThat(kindOf(() -> resolver.mx(Domain.of("broken.example")))).isEqualTo(DnsException.Kind.TEMPORARY);
        assertThatThrownBy(() -> resolver.mx(Domain.of("broken.example"))).hasMessageContaining("SERVFAIL");

        dns.remove("broken.example").mx("broken.example", 10, "mx.broken.example");
        assertThat(resolver.mx(Domain.of("broken.example"))).containsExactly(new MxRecord(10, "mx.broken.example"));
    }

    @Test
    void noAnswerIsTemporaryAfterTheTimeout() {
        dns.timeout("silent.example");

        DnsException.Kind kind = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> kindOf(() -> resolver.mx(Domain.of("silent.example"))));

        assertThat(kind).isEqualTo(DnsException.Kind.TEMPORARY);
        assertThat(dns.queries()).contains("silent.example. MX");
    }

    @Test
    void aServerThatDoesNotAnswerIsSkippedForTheNextOne() throws Exception {
        LoopbackDnsServer second = anotherServer();
        dns.timeout("example.com");
        second.mx("example.com", 10, "mx.example.com");
        restartWith(config(dns, second));

        assertThat(resolver.mx(Domain.of("example.com"))).containsExactly(new MxRecord(10, "mx.example.com"));
        assertThat(dns.queries()).containsExactly("example.com. MX");
    }

    @Test
    void serversAreAskedInTheListedOrder() throws Exception {
        LoopbackDnsServer second = anotherServer();
        dns.mx("example.com", 10, "first.example.com");
        second.mx("example.com", 10, "second.example.com");
        restartWith(config(dns, second));

        assertThat(resolver.mx(Domain.of("example.com"))).containsExactly(new MxRecord(10, "first.example.com"));
        assertThat(second.queryCount()).isZero();
    }

    @Test
    void addressesAreIpv4ThenIpv6() throws Exception {
        dns.aaaa("dual.example", "::1").a("dual.example", "127.0.0.3").a("dual.example", "127.0.0.4");

        assertThat(resolver.addresses("dual.example")).containsExactly(InetAddress.getByName("127.0.0.3"),
                InetAddress.getByName("127.0.0.4"), InetAddress.getByName("::1"));
        assertThat(dns.queries()).containsExactlyInAnyOrder("dual.example. A", "dual.example. AAAA");
    }

    @Test
    void oneFamilyIsEnough() throws Exception {
        dns.aaaa("six.example", "2001:db8::1").a("four.example", "192.0.2.1");

        assertThat(resolver.addresses("six.example")).containsExactly(InetAddress.getByName("2001:db8::1"));
        assertThat(resolver.addresses("four.example")).containsExactly(InetAddress.getByName("192.0.2.1"));
    }

    @Test
    void aNameWithoutAddressesGivesAnEmptyList() throws Exception {
        dns.mx("mailonly.example", 10, "mx.example.com");

        assertThat(resolver.addresses("mailonly.example")).isEmpty();
    }

    @Test
    void theAddressesFoundAreReturnedWhenTheOtherFamilyFails() throws Exception {
        dns.a("half.example", "192.0.2.1").aaaa("half.example", "2001:db8::1").servfail("half.example", "AAAA")
                .a("other.example", "192.0.2.2").aaaa("other.example", "2001:db8::2").servfail("other.example", "A");

        assertThat(resolver.addresses("half.example")).containsExactly(InetAddress.getByName("192.0.2.1"));
        assertThat(resolver.addresses("other.example")).containsExactly(InetAddress.getByName("2001:db8::2"));
    }

    @Test
    void aFailedFamilyWithoutAnyAddressIsTemporary() {
        dns.aaaa("v4broken.example", "2001:db8::1").servfail("v4broken.example", "A").servfail("v4broken.example",
                "AAAA");
        dns.mx("nodata.example", 10, "mx.example.com").servfail("nodata.example", "A");
        dns.mx("slow.example", 10, "mx.example.com").timeout("slow.example", "AAAA");

        assertThat(kindOf(() -> resolver.addresses("v4broken.example"))).isEqualTo(DnsException.Kind.TEMPORARY);
        assertThat(kindOf(() -> resolver.addresses("nodata.example"))).isEqualTo(DnsException.Kind.TEMPORARY);
        assertThat(kindOf(() -> resolver.addresses("slow.example"))).isEqualTo(DnsException.Kind.TEMPORARY);
    }

    @Test
    void ipLiteralsNeedNoQuery() throws Exception {
        assertThat(resolver.addresses("192.0.2.1")).containsExactly(InetAddress.getByName("192.0.2.1"));
        assertThat(resolver.addresses("2001:db8::1")).containsExactly(InetAddress.getByName("2001:db8::1"));
        assertThat(resolver.addresses("[2001:db8::1]")).containsExactly(InetAddress.getByName("2001:db8::1"));
        assertThat(resolver.addresses("[IPv6:2001:db8::1]")).containsExactly(InetAddress.getByName("2001:db8::1"));
        assertThat(dns.queryCount()).isZero();
    }

    @Test
    void namesMayEndWithADotAndUseAnyCase() throws Exception {
        dns.a("host.example", "192.0.2.1");

        assertThat(resolver.addresses("HOST.Example.")).containsExactly(InetAddress.getByName("192.0.2.1"));
    }

    @Test
    void answersAreCachedWithinTheirTtl() throws Exception {
        dns.mx("cached.example", 10, "mx.cached.example").a("mx.cached.example", "192.0.2.1");

        resolver.mx(Domain.of("cached.example"));
        resolver.addresses("mx.cached.example");
        int asked = dns.queryCount();
        dns.reset();

        assertThat(resolver.mx(Domain.of("cached.example"))).containsExactly(new MxRecord(10, "mx.cached.example"));
        assertThat(resolver.addresses("mx.cached.example")).containsExactly(InetAddress.getByName("192.0.2.1"));
        assertThat(asked).isEqualTo(3);
        assertThat(dns.queryCount()).isZero();
    }

    @Test
    void answersWithoutTtlAreNotCached() throws Exception {
        dns.ttl(0).mx("fresh.example", 10, "mx.fresh.example");

        resolver.mx(Domain.of("fresh.example"));
        resolver.mx(Domain.of("fresh.example"));

        assertThat(dns.queryCount()).isEqualTo(2);
    }

    @Test
    void nxdomainIsCachedToo() {
        assertThat(kindOf(() -> resolver.mx(Domain.of("gone.example")))).isEqualTo(DnsException.Kind.NO_SUCH_DOMAIN);
        dns.mx("gone.example", 10, "mx.gone.example");

        assertThat(kindOf(() -> resolver.mx(Domain.of("gone.example")))).isEqualTo(DnsException.Kind.NO_SUCH_DOMAIN);
        assertThat(dns.queryCount()).isEqualTo(1);
    }

    @Test
    void negativeCacheTtlBoundsHowLongNxdomainIsKept() throws Exception {
        restartWith(config(Duration.ZERO, dns));
        assertThat(kindOf(() -> resolver.mx(Domain.of("new.example")))).isEqualTo(DnsException.Kind.NO_SUCH_DOMAIN);

        dns.mx("new.example", 10, "mx.new.example");

        assertThat(resolver.mx(Domain.of("new.example"))).containsExactly(new MxRecord(10, "mx.new.example"));
    }

    @Test
    void aStoppedResolverFailsTemporarily() {
        resolver.stop();

        assertThat(kindOf(() -> resolver.mx(Domain.of("example.com")))).isEqualTo(DnsException.Kind.TEMPORARY);
        assertThat(dns.queryCount()).isZero();
    }

    @Test
    void anInvalidNameDoesNotExist() {
        assertThat(kindOf(() -> resolver.addresses("a..b"))).isEqualTo(DnsException.Kind.NO_SUCH_DOMAIN);
        assertThat(dns.queryCount()).isZero();
    }
}
