package org.mailgate.delivery;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.james.core.Domain;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.dns.MxRecord;
import org.mailgate.api.net.IpLiteral;

/**
 * Fixed DNS answers for routing tests (the loopback DNS server is used end to end). Unknown names are
 * NXDOMAIN; names in {@code failing} fail temporarily.
 */
final class StaticDns implements DnsResolver {

    private final Map<String, List<MxRecord>> mx = new HashMap<>();
    private final Map<String, List<InetAddress>> addresses = new HashMap<>();
    private final Set<String> failing = new java.util.HashSet<>();

    StaticDns mx(String domain, int preference, String host) {
        mx.computeIfAbsent(domain, d -> new ArrayList<>()).add(new MxRecord(preference, host));
        return this;
    }

    StaticDns a(String host, String ip) {
        addresses.computeIfAbsent(host, h -> new ArrayList<>()).add(IpLiteral.parse(ip).orElseThrow());
        return this;
    }

    StaticDns failing(String name) {
        failing.add(name);
        return this;
    }

    @Override
    public List<MxRecord> mx(Domain domain) throws DnsException {
        String name = domain.asString();
        if (failing.contains(name)) {
            throw new DnsException(DnsException.Kind.TEMPORARY, "SERVFAIL for " + name);
        }
        if (mx.containsKey(name)) {
            return mx.get(name).stream().sorted(java.util.Comparator.comparingInt(MxRecord::preference)).toList();
        }
        if (addresses.containsKey(name)) {
            return List.of();
        }
        throw new DnsException(DnsException.Kind.NO_SUCH_DOMAIN, name + ": NXDOMAIN");
    }

    @Override
    public List<InetAddress> addresses(String hostname) throws DnsException {
        var literal = IpLiteral.parse(hostname);
        if (literal.isPresent()) {
            return List.of(literal.get());
        }
        if (failing.contains(hostname)) {
            throw new DnsException(DnsException.Kind.TEMPORARY, "SERVFAIL for " + hostname);
        }
        if (addresses.containsKey(hostname)) {
            return addresses.get(hostname);
        }
        if (mx.containsKey(hostname)) {
            return List.of();
        }
        throw new DnsException(DnsException.Kind.NO_SUCH_DOMAIN, hostname + ": NXDOMAIN");
    }

    /** Routing asks no TXT records: a name that is known has none. */
    @Override
    public List<String> txt(String name) throws DnsException {
        addresses(name);
        return List.of();
    }

    /** Routing asks no PTR records: every address is without reverse name. */
    @Override
    public List<String> ptr(InetAddress address) throws DnsException {
        throw new DnsException(DnsException.Kind.NO_SUCH_DOMAIN, address.getHostAddress() + ": no PTR");
    }
}
