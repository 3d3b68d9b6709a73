package org.mailgate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.net.IpLiteral;
import org.mailgate.testkit.dns.LoopbackDnsServer;

/** TXT and PTR lookups through the dnsjava resolver, with the same error model as MX and A. */
class TxtAndPtrLookupTest {

    private final LoopbackDnsServer dns = LoopbackDnsServer.start();
    private final DnsJavaResolver resolver = new DnsJavaResolver(new DnsServiceConfig(
            List.of(new InetSocketAddress("127.0.0.1", dns.port())), false, 1000, Duration.ofMinutes(5),
            Duration.ofSeconds(1)));

    {
        resolver.start();
    }

    @AfterEach
    void stop() {
        resolver.stop();
        dns.close();
    }

    @Test
    void txtRecordsAreReturnedAndCachedWithinTheirTtl() throws DnsException {
        dns.txt("example.com", "v=spf1 -all").txt("example.com", "hello");
        assertThat(resolver.txt("example.com")).containsExactlyInAnyOrder("v=spf1 -all", "hello");
        int asked = dns.queryCount();
        assertThat(resolver.txt("example.com")).hasSize(2);
        assertThat(dns.queryCount()).as("the second answer comes from the cache").isEqualTo(asked);
    }

    @Test
    void txtOfANameWithoutTxtIsEmptyAndOfNoNameIsNxdomain() throws DnsException {
        dns.a("host.example.com", "192.0.2.1").servfail("broken.example");
        assertThat(resolver.txt("host.example.com")).isEmpty();
        assertThatThrownBy(() -> resolver.txt("nowhere.example")).isInstanceOfSatisfying(DnsException.class,
                e -> assertThat(e.kind()).isEqualTo(DnsException.Kind.NO_SUCH_DOMAIN));
        assertThatThrownBy(() -> resolver.txt("broken.example")).isInstanceOfSatisfying(DnsException.class,
                e -> assertThat(e.kind()).isEqualTo(DnsException.Kind.TEMPORARY));
    }

    @Test
    void ptrNamesOfIpv4AndIpv6Addresses() throws DnsException {
        dns.ptr("192.0.2.7", "Mail.Example.COM").ptr("2001:db8::7", "v6.example.com");
        assertThat(resolver.ptr(IpLiteral.parse("192.0.2.7").orElseThrow())).containsExactly("mail.example.com");
        assertThat(resolver.ptr(IpLiteral.parse("2001:db8::7").orElseThrow())).containsExactly("v6.example.com");
        assertThatThrownBy(() -> resolver.ptr(IpLiteral.parse("192.0.2.8").orElseThrow()))
                .isInstanceOfSatisfying(DnsException.class,
                        e -> assertThat(e.kind()).isEqualTo(DnsException.Kind.NO_SUCH_DOMAIN));
    }
}
