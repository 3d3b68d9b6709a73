package org.mailgate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;

class DnsServiceConfigTest {

    @TempDir
    Path tmp;

    private final ConfigReport report = new ConfigReport();

    private DnsServiceConfig read(String xml) throws IOException {
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("dnsservice.xml"), xml);
        return DnsServiceConfig.read(conf, report);
    }

    private List<String> errors() {
        return report.errors().stream().map(ConfigError::toString).toList();
    }

    private List<String> warnings() {
        return report.warnings().stream().map(ConfigError::toString).toList();
    }

    @Test
    void readsServersAndSettings() throws Exception {
        DnsServiceConfig config = read("""
                <dnsservice>
                  <servers>
                    <server>192.0.2.53</server>
                    <server>[2001:db8::53]:5353</server>
                    <server>2001:db8::54</server>
                    <server>127.0.0.1:5300</server>
                  </servers>
                  <autodiscover>false</autodiscover>
                  <authoritative>false</authoritative>
                  <singleIPperMX>false</singleIPperMX>
                  <maxcachesize>100</maxcachesize>
                  <negativeCacheTTL>60</negativeCacheTTL>
                  <timeout>3</timeout>
                </dnsservice>""");

        assertThat(errors()).isEmpty();
        assertThat(warnings()).isEmpty();
        assertThat(config).isEqualTo(new DnsServiceConfig(List.of(new InetSocketAddress("192.0.2.53", 53),
                new InetSocketAddress("2001:db8::53", 5353), new InetSocketAddress("2001:db8::54", 53),
                new InetSocketAddress("127.0.0.1", 5300)), false, 100, Duration.ofSeconds(60), Duration.ofSeconds(3)));
    }

    @Test
    void aMissingFileGivesTheDefaults() {
        DnsServiceConfig config = DnsServiceConfig.read(tmp, report);

        assertThat(errors()).isEmpty();
        assertThat(config).isEqualTo(DnsServiceConfig.defaults());
        assertThat(config.servers()).isEmpty();
        assertThat(config.autodiscover()).isTrue();
        assertThat(config.maxCacheSize()).isEqualTo(50_000);
        assertThat(config.negativeCacheTtl()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anEmptyFileGivesTheDefaults() throws Exception {
        assertThat(read("<dnsservice/>")).isEqualTo(DnsServiceConfig.defaults());
        assertThat(errors()).isEmpty();
    }

    @Test
    void listedServersComeBeforeAutodiscoveredOnes() throws Exception {
        DnsServiceConfig config = read("""
                <dnsservice>
                  <servers><server>192.0.2.53</server></servers>
                </dnsservice>""");

        assertThat(config.autodiscover()).isTrue();
        assertThat(DnsJavaResolver.serverOrder(config.servers(), List.of(new InetSocketAddress("198.51.100.1", 53),
                new InetSocketAddress("192.0.2.53", 53)))).containsExactly(new InetSocketAddress("192.0.2.53", 53),
                new InetSocketAddress("198.51.100.1", 53));
    }

    @Test
    void anUnknownElementIsAnErrorListingTheAllowedNames() throws Exception {
        read("""
                <dnsservice>
                  <servers>
                    <server>192.0.2.53</server>
                    <sever>192.0.2.54</sever>
                  </servers>
                  <cachesize>5</cachesize>
                </dnsservice>""");

        assertThat(errors()).containsExactlyInAnyOrder(
                "conf/dnsservice.xml:4: unknown element <sever> in <servers>; allowed: server",
                "conf/dnsservice.xml:6: unknown element <cachesize> in <dnsservice>; allowed: authoritative, "
                        + "autodiscover, maxcachesize, negativeCacheTTL, servers, singleIPperMX, timeout");
    }

    @Test
    void aServerMustBeAnIpAddress() throws Exception {
        read("""
                <dnsservice>
                  <servers>
                    <server>dns.example.com</server>
                    <server>192.0.2.53:0</server>
                    <server>192.0.2.53:99999</server>
                    <server></server>
                  </servers>
                </dnsservice>""");

        assertThat(errors()).containsExactly(
                "conf/dnsservice.xml:3: <server> 'dns.example.com': a DNS server must be given as an IP address",
                "conf/dnsservice.xml:4: <server> '192.0.2.53:0': port 0 is not a DNS server's port",
                "conf/dnsservice.xml:5: <server> '192.0.2.53:99999': port out of range in '192.0.2.53:99999'; "
                        + "expected an IP address with an optional port, like 192.0.2.53 or [2001:db8::53]:53",
                "conf/dnsservice.xml:6: <server> must not be empty");
    }

    @Test
    void serversAreElementsNotText() throws Exception {
        read("""
                <dnsservice>
                  <servers>192.0.2.53</servers>
                </dnsservice>""");

        assertThat(errors()).containsExactly("conf/dnsservice.xml:2: <servers> holds <server> elements, not text: "
                + "write <servers><server>192.0.2.53</server></servers>");
    }

    @Test
    void noServerAndNoAutodiscoverIsAnError() throws Exception {
        DnsServiceConfig config = read("""
                <dnsservice>
                  <servers/>
                  <autodiscover>false</autodiscover>
                </dnsservice>""");

        assertThat(errors()).containsExactly("conf/dnsservice.xml:1: no DNS server configured: list <server> "
                + "elements in <servers> or set <autodiscover>true</autodiscover>");
        assertThat(config).isNotNull();
    }

    @Test
    void anInvalidServerIsReportedOnce() throws Exception {
        read("""
                <dnsservice>
                  <servers><server>dns.example.com</server></servers>
                  <autodiscover>false</autodiscover>
                </dnsservice>""");

        assertThat(errors()).containsExactly(
                "conf/dnsservice.xml:2: <server> 'dns.example.com': a DNS server must be given as an IP address");
    }

    @Test
    void authoritativeTrueIsRefused() throws Exception {
        read("""
                <dnsservice>

                  <authoritative>true</authoritative>
                </dnsservice>""");

        assertThat(errors()).containsExactly("conf/dnsservice.xml:3: <authoritative>true</authoritative> is not "
                + "supported: Mailgate asks recursive resolvers and accepts their answers; set it to false or remove it");
    }

    @Test
    void singleIpPerMxTrueIsRefused() throws Exception {
        read("""
                <dnsservice>
                  <singleIPperMX>true</singleIPperMX>
                </dnsservice>""");

        assertThat(errors()).containsExactly("conf/dnsservice.xml:2: <singleIPperMX>true</singleIPperMX> is not "
                + "supported: Mailgate always tries every address of an MX host; set it to false or remove it");
    }

    @Test
    void jamesSettingsMailgateDoesNotNeedAreWarnings() throws Exception {
        DnsServiceConfig config = read("""
                <dnsservice>
                  <verbose>true</verbose>
                  <setAsDNSJavaDefault>true</setAsDNSJavaDefault>
                  <searchpaths><searchpath>example.com</searchpath></searchpaths>
                </dnsservice>""");

        assertThat(errors()).isEmpty();
        assertThat(warnings()).containsExactly(
                "conf/dnsservice.xml:2: <verbose> is ignored: logging is configured in logback.xml "
                        + "(logger org.mailgate.dns)",
                "conf/dnsservice.xml:3: <setAsDNSJavaDefault> is ignored: Mailgate never changes dnsjava's static "
                        + "defaults",
                "conf/dnsservice.xml:4: <searchpaths> is ignored: mail domains and MX hosts are always looked up "
                        + "as absolute names");
        assertThat(config).isEqualTo(DnsServiceConfig.defaults());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            <timeout>soon</timeout>                  | <timeout> must be a whole number, not 'soon'
            <timeout>0</timeout>                     | <timeout> must be between 1 and 120, not 0
            <maxcachesize>-1</maxcachesize>          | <maxcachesize> must be between 0 and 10000000, not -1
            <negativeCacheTTL>-1</negativeCacheTTL>  | <negativeCacheTTL> must be between 0 and 86400, not -1
            <autodiscover>maybe</autodiscover>       | <autodiscover> must be true or false, not 'maybe'
            <authoritative>perhaps</authoritative>   | <authoritative> must be true or false, not 'perhaps'
            """)
    void badValuesAreReportedWithTheirLine(String element, String message) throws Exception {
        DnsServiceConfig config = read("<dnsservice>\n\n  " + element + "\n</dnsservice>");

        assertThat(errors()).containsExactly("conf/dnsservice.xml:3: " + message);
        assertThat(config).isEqualTo(DnsServiceConfig.defaults());
    }

    @Test
    void aSettingGivenTwiceIsAnError() throws Exception {
        read("""
                <dnsservice>
                  <timeout>3</timeout>
                  <timeout>4</timeout>
                </dnsservice>""");

        assertThat(errors()).containsExactly(
                "conf/dnsservice.xml:3: <timeout> is given more than once (first on line 2); give it once");
    }

    @Test
    void aWrongRootElementIsAnError() throws Exception {
        read("<dnsserver/>");

        assertThat(errors()).containsExactly(
                "conf/dnsservice.xml:1: the root element must be <dnsservice>, not <dnsserver>");
    }

    @Test
    void everyProblemOfAFileIsListed() throws Exception {
        read("""
                <dnsservice>
                  <servers><server>dns.example.com</server></servers>
                  <authoritative>true</authoritative>
                  <timeout>soon</timeout>
                  <cachesize>5</cachesize>
                </dnsservice>""");

        assertThat(errors()).extracting(e -> e.substring(0, e.indexOf(": ")))
                .containsExactlyInAnyOrder("conf/dnsservice.xml:5", "conf/dnsservice.xml:2", "conf/dnsservice.xml:4",
                        "conf/dnsservice.xml:3");
    }
}
