package org.mailgate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;

class DnsServiceConfigTest {

    @TempDir
    Path tmp;

    DnsServiceConfig read(String xml, ConfigReport report) throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("dnsservice.xml"), xml);
        return DnsServiceConfig.read(conf, report);
    }

    @Test
    void readsServersAndSettings() throws Exception {
        ConfigReport report = new ConfigReport();
        DnsServiceConfig config = read("""
                <dnsservice>
                  <servers><server>192.0.2.53</server><server>[2001:db8::53]:5353</server></servers>
                  <autodiscover>false</autodiscover>
                  <maxcachesize>100</maxcachesize>
                  <negativeCacheTTL>60</negativeCacheTTL>
                  <timeout>3</timeout>
                </dnsservice>""", report);
        assertThat(report.errors()).isEmpty();
        assertThat(config.servers()).containsExactly(new InetSocketAddress("192.0.2.53", 53),
                new InetSocketAddress("2001:db8::53", 5353));
        assertThat(config.autodiscover()).isFalse();
        assertThat(config.maxCacheSize()).isEqualTo(100);
        assertThat(config.negativeCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void everyProblemIsReportedWithItsLine() throws Exception {
        ConfigReport report = new ConfigReport();
        read("""
                <dnsservice>
                  <servers><server>dns.example.com</server></servers>
                  <autodiscover>false</autodiscover>
                  <authoritative>true</authoritative>
                  <timeout>soon</timeout>
                  <cachesize>5</cachesize>
                  <verbose>true</verbose>
                </dnsservice>""", report);
        assertThat(report.errors()).extracting(ConfigError::toString).containsExactlyInAnyOrder(
                "conf/dnsservice.xml:6: unknown element <cachesize> in <dnsservice>; allowed: authoritative, "
                        + "autodiscover, maxcachesize, negativeCacheTTL, servers, singleIPperMX, timeout",
                "conf/dnsservice.xml:2: <server> 'dns.example.com': a DNS server must be given as an IP address",
                "conf/dnsservice.xml:5: <timeout> must be a whole number, not 'soon'",
                "conf/dnsservice.xml:4: <authoritative>true</authoritative> is not supported: Mailgate asks "
                        + "recursive resolvers; set it to false or remove it",
                "conf/dnsservice.xml:1: no DNS server configured: list <server> elements in <servers> or set "
                        + "<autodiscover>true</autodiscover>");
        assertThat(report.warnings()).extracting(ConfigError::toString)
                .containsExactly("conf/dnsservice.xml:7: <verbose> is ignored: logging is set in logback.xml "
                        + "(logger org.mailgate.dns)");
    }

    @Test
    void withoutTheFileTheSystemResolversAreUsed() {
        ConfigReport report = new ConfigReport();
        DnsServiceConfig config = DnsServiceConfig.read(tmp, report);
        assertThat(report.errors()).isEmpty();
        assertThat(config.autodiscover()).isTrue();
    }
}
