package org.mailgate.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * The DNS settings of {@code dnsservice.xml}, in Apache James's format:
 *
 * <pre>{@code
 * <dnsservice>
 *   <servers>
 *     <server>192.0.2.53</server>          <!-- an IP address, port 53 -->
 *     <server>[2001:db8::53]:5353</server> <!-- or with a port -->
 *   </servers>
 *   <autodiscover>true</autodiscover>     <!-- then also the system's resolvers -->
 *   <maxcachesize>50000</maxcachesize>
 *   <negativeCacheTTL>300</negativeCacheTTL>
 *   <timeout>5</timeout>                  <!-- Mailgate's own -->
 * </dnsservice>
 * }</pre>
 *
 * <ul>
 *   <li>{@code <servers>}: the DNS servers to ask, in order, each as an IP address with an optional port
 *       (default 53). Host names are refused: resolving the resolver would need DNS.</li>
 *   <li>{@code <autodiscover>} (default true): also ask the system's resolvers ({@code /etc/resolv.conf}),
 *       after the listed ones.</li>
 *   <li>{@code <maxcachesize>} (default 50000): how many names the answer cache holds; 0 turns it off.
 *       Answers are kept for their TTL.</li>
 *   <li>{@code <negativeCacheTTL>} (seconds, default 300): the longest a "no such name" or "no such
 *       record" answer is kept; the zone's SOA may ask for less. James's default is no limit.</li>
 *   <li>{@code <timeout>} (seconds, default 5; Mailgate's own): how long to wait for one server's answer.
 *       The servers are asked one after the other, each once; a lookup that none answered fails
 *       temporarily (the mail waits for its next delivery attempt), so the worst case is
 *       {@code timeout} times the number of servers.</li>
 *   <li>{@code <authoritative>} and {@code <singleIPperMX>} are accepted only with the value false (what
 *       Mailgate does); {@code <verbose>}, {@code <setAsDNSJavaDefault>} and {@code <searchpaths>} are
 *       accepted and ignored with a warning.</li>
 * </ul>
 *
 * @param servers          the DNS servers to ask, in order (may be empty when {@code autodiscover})
 * @param autodiscover     also ask the system's resolvers, after {@code servers}
 * @param maxCacheSize     names kept in the answer cache ({@code maxcachesize}); 0 disables caching
 * @param negativeCacheTtl the longest a negative answer is cached ({@code negativeCacheTTL})
 * @param timeout          how long to wait for one server's answer ({@code timeout})
 */
public record DnsServiceConfig(List<InetSocketAddress> servers, boolean autodiscover, int maxCacheSize,
                               Duration negativeCacheTtl, Duration timeout) {

    /** The file name in the configuration directory. */
    public static final String FILE = "dnsservice.xml";

    /** Default of {@code maxcachesize}, as in James. */
    public static final int DEFAULT_MAX_CACHE_SIZE = 50_000;
    /** Default of {@code negativeCacheTTL}. */
    public static final Duration DEFAULT_NEGATIVE_CACHE_TTL = Duration.ofMinutes(5);
    /** Default of {@code timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final String ROOT_NAME = "dnsservice";
    private static final int DEFAULT_PORT = 53;
    private static final int MAX_CACHE_SIZE = 10_000_000;
    private static final int MAX_NEGATIVE_TTL = 86_400;
    private static final int MAX_TIMEOUT = 120;

    private static final ElementRules ROOT = ElementRules.of(Set.of("servers", "autodiscover", "maxcachesize",
                    "negativeCacheTTL", "timeout", "authoritative", "singleIPperMX"), Set.of())
            .ignoringChild("verbose", "logging is configured in logback.xml (logger org.mailgate.dns)")
            .ignoringChild("setAsDNSJavaDefault", "Mailgate never changes dnsjava's static defaults")
            .ignoringChild("searchpaths", "mail domains and MX hosts are always looked up as absolute names");
    private static final ElementRules SERVERS = ElementRules.of(Set.of("server"), Set.of());
    private static final ElementRules LEAF = ElementRules.of(Set.of(), Set.of());
    private static final List<String> SINGLE = List.of("autodiscover", "maxcachesize", "negativeCacheTTL",
            "timeout", "authoritative", "singleIPperMX");

    /**
     * @throws IllegalArgumentException if a value is out of range
     */
    public DnsServiceConfig {
        servers = List.copyOf(servers);
        Objects.requireNonNull(negativeCacheTtl, "negativeCacheTtl");
        Objects.requireNonNull(timeout, "timeout");
        if (maxCacheSize < 0) {
            throw new IllegalArgumentException("maxCacheSize must not be negative: " + maxCacheSize);
        }
        if (negativeCacheTtl.isNegative()) {
            throw new IllegalArgumentException("negativeCacheTtl must not be negative: " + negativeCacheTtl);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (servers.isEmpty() && !autodiscover) {
            throw new IllegalArgumentException("no DNS server: list servers or autodiscover");
        }
    }

    /** What applies without {@code dnsservice.xml}: the system's resolvers, James's defaults otherwise. */
    public static DnsServiceConfig defaults() {
        return new DnsServiceConfig(List.of(), true, DEFAULT_MAX_CACHE_SIZE, DEFAULT_NEGATIVE_CACHE_TTL,
                DEFAULT_TIMEOUT);
    }

    /**
     * Reads {@code confDir/dnsservice.xml}. Without the file, {@link #defaults()}. Every problem goes to
     * {@code report} with the file (as {@code conf/dnsservice.xml}) and line, and reading goes on so that
     * all of them are listed; the caller decides to stop with {@link ConfigReport#throwIfErrors()}. What
     * is returned after an error holds the defaults in place of the bad values.
     */
    public static DnsServiceConfig read(Path confDir, ConfigReport report) {
        return ConfigFiles.readIfPresent(confDir, FILE, ROOT_NAME, report)
                .map(root -> parse(root, report))
                .orElseGet(DnsServiceConfig::defaults);
    }

    /** Reads a parsed {@code <dnsservice>} element; see {@link #read}. */
    static DnsServiceConfig parse(XmlElement root, ConfigReport report) {
        ROOT.check(root, report);
        SINGLE.forEach(name -> atMostOnce(root, name, report));

        List<InetSocketAddress> servers = new ArrayList<>();
        boolean anyServerGiven = false;
        for (XmlElement list : root.children("servers")) {
            SERVERS.check(list, report);
            if (!list.text().isBlank()) {
                report.error(list, "<servers> holds <server> elements, not text: write <servers><server>"
                        + list.text() + "</server></servers>");
            }
            for (XmlElement server : list.children("server")) {
                anyServerGiven = true;
                LEAF.check(server, report);
                server(server, report).ifPresent(servers::add);
            }
        }
        boolean autodiscover = root.child("autodiscover")
                .map(e -> Values.booleanValue(e, true, report)).orElse(true);
        int maxCacheSize = root.child("maxcachesize")
                .map(e -> Values.intValue(e, 0, MAX_CACHE_SIZE, DEFAULT_MAX_CACHE_SIZE, report))
                .orElse(DEFAULT_MAX_CACHE_SIZE);
        Duration negativeCacheTtl = root.child("negativeCacheTTL")
                .map(e -> Duration.ofSeconds(Values.intValue(e, 0, MAX_NEGATIVE_TTL,
                        (int) DEFAULT_NEGATIVE_CACHE_TTL.toSeconds(), report)))
                .orElse(DEFAULT_NEGATIVE_CACHE_TTL);
        Duration timeout = root.child("timeout")
                .map(e -> Duration.ofSeconds(Values.intValue(e, 1, MAX_TIMEOUT, (int) DEFAULT_TIMEOUT.toSeconds(),
                        report)))
                .orElse(DEFAULT_TIMEOUT);
        root.child("authoritative").filter(e -> Values.booleanValue(e, false, report)).ifPresent(e ->
                report.error(e, "<authoritative>true</authoritative> is not supported: Mailgate asks recursive "
                        + "resolvers and accepts their answers; set it to false or remove it"));
        root.child("singleIPperMX").filter(e -> Values.booleanValue(e, false, report)).ifPresent(e ->
                report.error(e, "<singleIPperMX>true</singleIPperMX> is not supported: Mailgate always tries "
                        + "every address of an MX host; set it to false or remove it"));

        if (!anyServerGiven && !autodiscover) {
            report.error(root, "no DNS server configured: list <server> elements in <servers> or set "
                    + "<autodiscover>true</autodiscover>");
        }
        if (servers.isEmpty() && !autodiscover) {
            // errors are reported; return something valid so that reading can go on
            return new DnsServiceConfig(servers, true, maxCacheSize, negativeCacheTtl, timeout);
        }
        return new DnsServiceConfig(servers, autodiscover, maxCacheSize, negativeCacheTtl, timeout);
    }

    private static void atMostOnce(XmlElement root, String name, ConfigReport report) {
        List<XmlElement> given = root.children(name);
        for (XmlElement again : given.subList(Math.min(1, given.size()), given.size())) {
            report.error(again, "<" + name + "> is given more than once (first on line " + given.get(0).line()
                    + "); give it once");
        }
    }

    private static Optional<InetSocketAddress> server(XmlElement e, ConfigReport report) {
        Optional<String> text = Values.requiredText(e, report);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        HostAndPort hostAndPort;
        try {
            hostAndPort = HostAndPort.parse(text.get(), DEFAULT_PORT);
        } catch (IllegalArgumentException bad) {
            report.error(e, "<server> '" + text.get() + "': " + bad.getMessage()
                    + "; expected an IP address with an optional port, like 192.0.2.53 or [2001:db8::53]:53");
            return Optional.empty();
        }
        Optional<InetAddress> address = IpLiteral.parse(hostAndPort.host());
        if (address.isEmpty()) {
            report.error(e, "<server> '" + text.get() + "': a DNS server must be given as an IP address");
            return Optional.empty();
        }
        if (hostAndPort.port() == 0) {
            report.error(e, "<server> '" + text.get() + "': port 0 is not a DNS server's port");
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(address.get(), hostAndPort.port()));
    }
}
