package org.mailgate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.apache.james.core.Domain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.dns.DnsException;
import org.mailgate.testkit.dns.LoopbackDnsServer;
import org.mailgate.testkit.metrics.RecordingMailMetrics;

/** Each lookup counted by record type and result, and the cache's hits and misses. */
class LookupMetricsTest {

    final LoopbackDnsServer dns = LoopbackDnsServer.start();
    final RecordingMailMetrics metrics = new RecordingMailMetrics();
    final DnsJavaResolver resolver = new DnsJavaResolver(new DnsServiceConfig(
            List.of(new InetSocketAddress("127.0.0.1", dns.port())), false, 1000, Duration.ofMinutes(5),
            Duration.ofSeconds(1)), metrics);

    LookupMetricsTest() {
        resolver.start();
    }

    @AfterEach
    void stop() {
        resolver.stop();
        dns.close();
    }

    @Test
    void lookupsAreCountedByTypeAndResultAndRepeatsAreCacheHits() throws Exception {
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "192.0.2.1");

        resolver.mx(Domain.of("remote.example"));
        resolver.mx(Domain.of("remote.example"));
        resolver.addresses("mx.remote.example");

        assertThat(metrics.count("dns MX ok")).isEqualTo(2);
        assertThat(metrics.count("dns A ok")).isEqualTo(1);
        assertThat(metrics.count("dns AAAA nodata")).isEqualTo(1);
        assertThat(metrics.count("dns cache miss")).as("MX, A, AAAA asked of the server").isEqualTo(3);
        assertThat(metrics.count("dns cache hit")).as("the second MX lookup").isEqualTo(1);
    }

    @Test
    void failuresAreCountedByWhatWentWrong() {
        dns.servfail("broken.example").timeout("silent.example");

        assertThatThrownBy(() -> resolver.mx(Domain.of("nowhere.example"))).isInstanceOf(DnsException.class);
        assertThatThrownBy(() -> resolver.txt("broken.example")).isInstanceOf(DnsException.class);
        assertThatThrownBy(() -> resolver.mx(Domain.of("silent.example"))).isInstanceOf(DnsException.class);

        assertThat(metrics.count("dns MX nxdomain")).isEqualTo(1);
        assertThat(metrics.count("dns TXT servfail")).isEqualTo(1);
        assertThat(metrics.count("dns MX timeout")).isEqualTo(1);
    }

    @Test
    void ptrLookupsAndIpLiteralsAreCountedOnlyWhenAsked() throws Exception {
        dns.ptr("192.0.2.7", "host.example");

        resolver.ptr(InetAddress.getByName("192.0.2.7"));
        resolver.addresses("192.0.2.8");

        assertThat(metrics.count("dns PTR ok")).isEqualTo(1);
        assertThat(metrics.counts()).containsOnlyKeys("dns PTR ok", "dns cache miss");
    }
}
