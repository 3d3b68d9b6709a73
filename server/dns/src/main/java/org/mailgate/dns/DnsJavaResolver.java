package org.mailgate.dns;

import jakarta.inject.Inject;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.core.Domain;
import org.mailgate.api.Service;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.dns.MxRecord;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.net.IpLiteral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupSession;

/**
 * Mailgate's {@link DnsResolver}, built on dnsjava.
 *
 * <p>It asks the servers of {@code dnsservice.xml} in order (then, with {@code autodiscover}, the system's
 * resolvers), each once and for up to {@code timeout}; dnsjava moves a server that failed recently to the
 * back of the line. A SERVFAIL answer ends the lookup (it is an answer, not a silence). Answers are kept in its own cache for their TTL, and
 * negative answers (no such name, no such record) for at most {@code negativeCacheTTL}. It never uses
 * dnsjava's static defaults nor {@code /etc/hosts}: what the configuration names is what is asked.
 *
 * <p>Failures map to {@link DnsException}: NXDOMAIN is {@link DnsException.Kind#NO_SUCH_DOMAIN}; SERVFAIL,
 * other error codes, timeouts and network errors are {@link DnsException.Kind#TEMPORARY}. The constructor
 * does no I/O; {@link #start()} reads {@code /etc/resolv.conf} (with autodiscover) and builds the resolver.
 */
public final class DnsJavaResolver implements DnsResolver, Service {

    private static final Logger LOG = LoggerFactory.getLogger(DnsJavaResolver.class);
    /** {@code [IPv6:2001:db8::1]}, the address literal of RFC 5321 4.1.3. */
    private static final Pattern IPV6_ADDRESS_LITERAL = Pattern.compile("\\[(?i:IPv6:)([^\\]]+)]");

    private final DnsServiceConfig config;
    private final MailMetrics metrics;
    private volatile Lookups lookups;

    /** Without counting lookups. */
    public DnsJavaResolver(DnsServiceConfig config) {
        this(config, MailMetrics.NONE);
    }

    /**
     * Takes the configuration only; nothing is opened or read before {@link #start()}.
     *
     * @param metrics where lookups (by type and result) and the cache's hits and misses are counted
     */
    @Inject
    public DnsJavaResolver(DnsServiceConfig config, MailMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** Builds the resolver chain and the cache; with autodiscover, reads the system's resolvers now. */
    @Override
    public void start() {
        List<InetSocketAddress> system = config.autodiscover() ? new ResolverConfig().servers() : List.of();
        List<InetSocketAddress> servers = serverOrder(config.servers(), system);
        if (servers.isEmpty()) {
            throw new IllegalStateException("no DNS server to ask: dnsservice.xml lists none and autodiscover "
                    + "found none");
        }
        List<Resolver> simple = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setTimeout(config.timeout());
            simple.add(resolver);
        }
        ExtendedResolver resolver = new ExtendedResolver(simple);
        resolver.setLoadBalance(false);
        resolver.setRetries(1);
        Duration allServers = config.timeout().multipliedBy(servers.size());
        resolver.setTimeout(allServers);

        Cache cache = new CountingCache(metrics);
        cache.setMaxEntries(config.maxCacheSize());
        cache.setMaxNCache((int) config.negativeCacheTtl().toSeconds());
        LookupSession session = LookupSession.builder().resolver(resolver).cache(cache).build();
        // a safety net only: the resolver gives up after allServers
        lookups = new Lookups(session, allServers.plusSeconds(2), metrics);
        LOG.info("DNS: asking {} (timeout {} s each), caching up to {} names",
                servers.stream().map(DnsJavaResolver::display).toList(), config.timeout().toSeconds(),
                config.maxCacheSize());
    }

    private static String display(InetSocketAddress server) {
        String host = server.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort();
    }

    /** The configured servers first, then the system's ones not already listed. */
    static List<InetSocketAddress> serverOrder(List<InetSocketAddress> configured, List<InetSocketAddress> system) {
        LinkedHashSet<InetSocketAddress> servers = new LinkedHashSet<>(configured);
        servers.addAll(system);
        return List.copyOf(servers);
    }

    /** Forgets the resolver and its cache; lookups fail temporarily until the next {@link #start()}. */
    @Override
    public void stop() {
        lookups = null;
    }

    @Override
    public String serviceName() {
        return "dns";
    }

    /**
     * {@inheritDoc}
     *
     * <p>Host names come in lower case without the final dot; a null MX (RFC 7505) is
     * {@code MxRecord(0, ".")}.
     */
    @Override
    public List<MxRecord> mx(Domain domain) throws DnsException {
        String text = domain.asString();
        List<MxRecord> records = new ArrayList<>();
        for (Record record : running().find(absolute(text), Type.MX, text)) {
            if (record instanceof MXRecord mx) {
                records.add(new MxRecord(mx.getPriority(), hostName(mx.getTarget())));
            }
        }
        return byPreferenceShuffled(records);
    }

    /** Lowest preference first; records of equal preference in random order (RFC 5321 5.1). */
    static List<MxRecord> byPreferenceShuffled(List<MxRecord> records) {
        List<MxRecord> ordered = new ArrayList<>(records);
        Collections.shuffle(ordered, ThreadLocalRandom.current());
        ordered.sort(Comparator.comparingInt(MxRecord::preference)); // stable: the shuffle stays within a preference
        return ordered;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A and AAAA are asked at the same time. When one family has addresses, they are returned even if
     * the other failed. With no address: NXDOMAIN throws NO_SUCH_DOMAIN, a failure of either family throws
     * TEMPORARY (the missing family might have had addresses), and two NODATA answers give an empty list.
     * IP literals ({@code 192.0.2.1}, {@code 2001:db8::1}, {@code [2001:db8::1]},
     * {@code [IPv6:2001:db8::1]}) are returned without a query.
     */
    @Override
    public List<InetAddress> addresses(String hostname) throws DnsException {
        Optional<InetAddress> literal = ipLiteral(hostname);
        if (literal.isPresent()) {
            return List.of(literal.get());
        }
        Name name = absolute(hostname);
        Lookups current = running();
        Lookups.Pending v4 = current.ask(name, Type.A, hostname);
        Lookups.Pending v6 = current.ask(name, Type.AAAA, hostname);
        Lookups.Outcome a = v4.outcome();
        Lookups.Outcome aaaa = v6.outcome();

        List<InetAddress> addresses = new ArrayList<>();
        a.records().forEach(r -> {
            if (r instanceof ARecord record) {
                addresses.add(record.getAddress());
            }
        });
        aaaa.records().forEach(r -> {
            if (r instanceof AAAARecord record) {
                addresses.add(record.getAddress());
            }
        });
        if (!addresses.isEmpty()) {
            a.failure().ifPresent(e -> LOG.debug("{}: using the AAAA records; A failed: {}", hostname, e.getMessage()));
            aaaa.failure().ifPresent(e -> LOG.debug("{}: using the A records; AAAA failed: {}", hostname,
                    e.getMessage()));
            return List.copyOf(addresses);
        }
        Optional<DnsException> permanent = a.failure().filter(DnsException::isPermanent)
                .or(() -> aaaa.failure().filter(DnsException::isPermanent));
        if (permanent.isPresent()) {
            throw permanent.get();
        }
        Optional<DnsException> temporary = a.failure().or(aaaa::failure);
        if (temporary.isPresent()) {
            throw temporary.get();
        }
        return List.of();
    }

    /** {@inheritDoc} */
    @Override
    public List<String> txt(String name) throws DnsException {
        List<String> texts = new ArrayList<>();
        for (Record record : running().find(absolute(name), Type.TXT, name)) {
            if (record instanceof TXTRecord txt) {
                texts.add(String.join("", txt.getStrings()));
            }
        }
        return List.copyOf(texts);
    }

    /** {@inheritDoc} */
    @Override
    public List<String> ptr(InetAddress address) throws DnsException {
        Name reverse = ReverseMap.fromAddress(address);
        List<String> names = new ArrayList<>();
        for (Record record : running().find(reverse, Type.PTR, address.getHostAddress())) {
            if (record instanceof PTRRecord ptr) {
                names.add(hostName(ptr.getTarget()));
            }
        }
        return List.copyOf(names);
    }

    private static Optional<InetAddress> ipLiteral(String hostname) {
        Matcher v6 = IPV6_ADDRESS_LITERAL.matcher(hostname.trim());
        return IpLiteral.parse(v6.matches() ? v6.group(1) : hostname);
    }

    private Lookups running() throws DnsException {
        Lookups current = lookups;
        if (current == null) {
            throw new DnsException(DnsException.Kind.TEMPORARY, "the DNS resolver is not running");
        }
        return current;
    }

    /** {@code name} as an absolute DNS name, international names in their ASCII form. */
    private static Name absolute(String name) throws DnsException {
        try {
            return Name.fromString(IDN.toASCII(name.trim(), IDN.ALLOW_UNASSIGNED), Name.root);
        } catch (TextParseException | IllegalArgumentException e) {
            throw new DnsException(DnsException.Kind.NO_SUCH_DOMAIN, "'" + name + "' is not a valid DNS name: "
                    + e.getMessage(), e);
        }
    }

    /** {@code mx.example.com} for {@code MX.Example.COM.}; {@code "."} for the root (a null MX). */
    private static String hostName(Name name) {
        if (name.equals(Name.root)) {
            return ".";
        }
        return name.toString(true).toLowerCase(Locale.ROOT);
    }
}
