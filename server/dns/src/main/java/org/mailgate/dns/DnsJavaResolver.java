package org.mailgate.dns;

import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.james.core.Domain;
import org.mailgate.api.Service;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.dns.MxRecord;
import org.mailgate.api.net.IpLiteral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;

/**
 * {@link DnsResolver} with dnsjava: the servers of {@code dnsservice.xml} (and, with autodiscover, the
 * system's), answers cached within their TTL, NXDOMAIN kept for {@code negativeCacheTTL}. Never the
 * static dnsjava defaults, never {@code /etc/hosts}: what the configuration says is what is asked.
 */
public final class DnsJavaResolver implements DnsResolver, Service {

    private static final Logger LOG = LoggerFactory.getLogger(DnsJavaResolver.class);

    private final DnsServiceConfig config;
    private volatile LookupSession session;

    @Inject
    public DnsJavaResolver(DnsServiceConfig config) {
        this.config = config;
    }

    @Override
    public void start() {
        List<Resolver> resolvers = new ArrayList<>();
        for (InetSocketAddress server : servers()) {
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setTimeout(config.timeout());
            resolvers.add(resolver);
        }
        ExtendedResolver resolver = new ExtendedResolver(resolvers);
        resolver.setTimeout(config.timeout());
        resolver.setRetries(1);
        Cache cache = new Cache(DClass.IN);
        cache.setMaxEntries(config.maxCacheSize());
        cache.setMaxNCache((int) config.negativeCacheTtl().toSeconds());
        session = LookupSession.builder().resolver(resolver).cache(cache).clearSearchPath().ndots(0).build();
        LOG.info("DNS servers: {}", servers());
    }

    private List<InetSocketAddress> servers() {
        List<InetSocketAddress> servers = new ArrayList<>(config.servers());
        if (config.autodiscover()) {
            for (InetSocketAddress system : ResolverConfig.getCurrentConfig().servers()) {
                if (!servers.contains(system)) {
                    servers.add(system);
                }
            }
        }
        return servers;
    }

    @Override
    public void stop() {
        session = null;
    }

    @Override
    public String serviceName() {
        return "dns";
    }

    @Override
    public List<MxRecord> mx(Domain domain) throws DnsException {
        List<MxRecord> records = new ArrayList<>();
        for (Record record : lookup(domain.asString(), Type.MX).orElse(List.of())) {
            if (record instanceof MXRecord mx) {
                records.add(new MxRecord(mx.getPriority(), hostName(mx.getTarget())));
            }
        }
        return byPreferenceShuffled(records);
    }

    /** Lowest preference first; records of equal preference in random order (RFC 5321 5.1). */
    static List<MxRecord> byPreferenceShuffled(List<MxRecord> records) {
        List<MxRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        shuffled.sort(java.util.Comparator.comparingInt(MxRecord::preference));
        return shuffled;
    }

    @Override
    public List<InetAddress> addresses(String hostname) throws DnsException {
        Optional<InetAddress> literal = IpLiteral.parse(hostname);
        if (literal.isPresent()) {
            return List.of(literal.get());
        }
        Optional<List<Record>> v4;
        DnsException v4Failure = null;
        try {
            v4 = lookup(hostname, Type.A);
        } catch (DnsException e) {
            if (e.isPermanent()) {
                throw e;
            }
            v4 = Optional.empty();
            v4Failure = e;
        }
        Optional<List<Record>> v6;
        try {
            v6 = lookup(hostname, Type.AAAA);
        } catch (DnsException e) {
            if (v4Failure != null || e.isPermanent() && v4.isEmpty()) {
                throw v4Failure != null ? v4Failure : e;
            }
            v6 = Optional.empty();
        }
        List<InetAddress> addresses = new ArrayList<>();
        v4.orElse(List.of()).forEach(r -> {
            if (r instanceof ARecord a) {
                addresses.add(a.getAddress());
            }
        });
        v6.orElse(List.of()).forEach(r -> {
            if (r instanceof AAAARecord aaaa) {
                addresses.add(aaaa.getAddress());
            }
        });
        if (addresses.isEmpty() && v4Failure != null) {
            throw v4Failure;
        }
        return addresses;
    }

    /** The records of that type; empty for NODATA. */
    private Optional<List<Record>> lookup(String name, int type) throws DnsException {
        LookupSession current = session;
        if (current == null) {
            throw new DnsException(DnsException.Kind.TEMPORARY, "the DNS resolver is not running");
        }
        Name query = absolute(name);
        try {
            long wait = config.timeout().toMillis() * (servers().size() + 1) + 1000;
            LookupResult result = current.lookupAsync(query, type).toCompletableFuture().get(wait, TimeUnit.MILLISECONDS);
            return Optional.of(result.getRecords());
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof NoSuchDomainException) {
                throw new DnsException(DnsException.Kind.NO_SUCH_DOMAIN, name + ": no such domain (NXDOMAIN)");
            }
            if (cause instanceof NoSuchRRSetException) {
                return Optional.empty();
            }
            throw new DnsException(DnsException.Kind.TEMPORARY, Type.string(type) + " lookup of " + name
                    + " failed: " + describe(cause), cause);
        } catch (TimeoutException e) {
            throw new DnsException(DnsException.Kind.TEMPORARY, Type.string(type) + " lookup of " + name
                    + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DnsException(DnsException.Kind.TEMPORARY, "interrupted", e);
        }
    }

    private static String describe(Throwable t) {
        String kind = t.getClass().getSimpleName().replace("Exception", "");
        return t.getMessage() == null ? kind : kind + ": " + t.getMessage();
    }

    private static Name absolute(String name) throws DnsException {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new DnsException(DnsException.Kind.NO_SUCH_DOMAIN, "not a DNS name: " + name, e);
        }
    }

    private static String hostName(Name name) {
        if (name.equals(Name.root)) {
            return ".";
        }
        String text = name.toString(true).toLowerCase(Locale.ROOT);
        return text;
    }
}
