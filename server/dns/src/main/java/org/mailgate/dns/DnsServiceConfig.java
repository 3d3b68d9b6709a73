package org.mailgate.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailgate.api.config.ConfigFiles;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.ElementRules;
import org.mailgate.api.config.Values;
import org.mailgate.api.config.XmlElement;
import org.mailgate.api.net.HostAndPort;
import org.mailgate.api.net.IpLiteral;

/**
 * {@code dnsservice.xml} in James's format.
 *
 * @param servers          the DNS servers to ask, in order
 * @param autodiscover     also ask the system's resolvers ({@code /etc/resolv.conf}), after the listed ones
 * @param maxCacheSize     answers kept in memory ({@code maxcachesize})
 * @param negativeCacheTtl how long "no such name" is kept ({@code negativeCacheTTL}, seconds)
 * @param timeout          how long to wait for one answer (Mailgate's {@code timeout}, seconds)
 */
public record DnsServiceConfig(List<InetSocketAddress> servers, boolean autodiscover, int maxCacheSize,
                               Duration negativeCacheTtl, Duration timeout) {

    public static final String FILE = "dnsservice.xml";

    private static final ElementRules ROOT = ElementRules.of(Set.of("servers", "autodiscover", "maxcachesize",
                    "negativeCacheTTL", "timeout", "authoritative", "singleIPperMX"), Set.of())
            .ignoringChild("verbose", "logging is set in logback.xml (logger org.mailgate.dns)");
    private static final ElementRules SERVERS = ElementRules.of(Set.of("server"), Set.of());

    public DnsServiceConfig {
        servers = List.copyOf(servers);
    }

    public static DnsServiceConfig defaults() {
        return new DnsServiceConfig(List.of(), true, 50_000, Duration.ofMinutes(5), Duration.ofSeconds(5));
    }

    /** Reads {@code confDir/dnsservice.xml}; without the file, the system's resolvers are used. */
    public static DnsServiceConfig read(Path confDir, ConfigReport report) {
        return ConfigFiles.readIfPresent(confDir, FILE, "dnsservice", report)
                .map(root -> parse(root, report))
                .orElseGet(DnsServiceConfig::defaults);
    }

    static DnsServiceConfig parse(XmlElement root, ConfigReport report) {
        ROOT.check(root, report);
        List<InetSocketAddress> servers = new ArrayList<>();
        for (XmlElement list : root.children("servers")) {
            SERVERS.check(list, report);
            for (XmlElement server : list.children("server")) {
                server(server, report).ifPresent(servers::add);
            }
        }
        boolean autodiscover = root.child("autodiscover").map(e -> Values.booleanValue(e, true, report)).orElse(true);
        int maxCacheSize = root.child("maxcachesize").map(e -> Values.intValue(e, 0, 10_000_000, 50_000, report))
                .orElse(50_000);
        Duration negative = Duration.ofSeconds(root.child("negativeCacheTTL")
                .map(e -> Values.intValue(e, 0, 86_400, 300, report)).orElse(300));
        Duration timeout = Duration.ofSeconds(root.child("timeout").map(e -> Values.intValue(e, 1, 120, 5, report))
                .orElse(5));
        root.child("authoritative").filter(e -> Values.booleanValue(e, false, report)).ifPresent(e ->
                report.error(e, "<authoritative>true</authoritative> is not supported: Mailgate asks recursive "
                        + "resolvers; set it to false or remove it"));
        root.child("singleIPperMX").filter(e -> Values.booleanValue(e, false, report)).ifPresent(e ->
                report.error(e, "<singleIPperMX>true</singleIPperMX> is not supported: Mailgate tries every "
                        + "address of an MX host; set it to false or remove it"));
        if (servers.isEmpty() && !autodiscover) {
            report.error(root, "no DNS server configured: list <server> elements in <servers> or set "
                    + "<autodiscover>true</autodiscover>");
        }
        return new DnsServiceConfig(servers, autodiscover, maxCacheSize, negative, timeout);
    }

    private static Optional<InetSocketAddress> server(XmlElement e, ConfigReport report) {
        try {
            HostAndPort hp = HostAndPort.parse(e.text(), 53);
            Optional<InetAddress> address = IpLiteral.parse(hp.host());
            if (address.isEmpty()) {
                report.error(e, "<server> '" + e.text() + "': a DNS server must be given as an IP address");
                return Optional.empty();
            }
            if (hp.port() == 0) {
                report.error(e, "<server> '" + e.text() + "': port 0");
                return Optional.empty();
            }
            return Optional.of(new InetSocketAddress(address.get(), hp.port()));
        } catch (IllegalArgumentException ex) {
            report.error(e, "<server> '" + e.text() + "': " + ex.getMessage());
            return Optional.empty();
        }
    }
}
