package org.mailgate.dns.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.core.Domain;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.dns.MxRecord;
import org.mailgate.api.spf.SpfQuery;
import org.mailgate.api.spf.SpfResult;
import org.mailgate.api.spf.SpfResult.Result;

/**
 * One run of {@code check_host()} (RFC 7208 4) with its recursion through {@code include} and
 * {@code redirect}. It counts the terms that ask DNS (at most 10, 4.6.4) and the lookups that found
 * nothing (at most 2 "void lookups"); going over either is a permerror.
 */
final class SpfEvaluation {

    static final int MAX_DNS_TERMS = 10;
    static final int MAX_VOID_LOOKUPS = 2;
    static final int MAX_MX_OR_PTR_NAMES = 10;

    private final DnsResolver dns;
    private final SpfQuery query;
    private final Clock clock;
    private int dnsTerms;
    private int voidLookups;

    SpfEvaluation(DnsResolver dns, SpfQuery query, Clock clock) {
        this.dns = dns;
        this.query = query;
        this.clock = clock;
    }

    /** The result for the query's identity. */
    SpfResult evaluate() {
        try {
            return checkHost(query.domain(), false);
        } catch (SpfException e) {
            return new SpfResult(e.result(), e.getMessage(), query);
        }
    }

    /** {@code check_host()} for {@code domain}; {@code nested} for include and redirect targets. */
    private SpfResult checkHost(String domain, boolean nested) throws SpfException {
        if (!isValidDomain(domain)) {
            return result(Result.NONE, "'" + domain + "' is not a domain name");
        }
        Optional<SpfRecord> found = record(domain, nested);
        if (found.isEmpty()) {
            return result(Result.NONE, "no SPF record at " + domain);
        }
        SpfRecord record = found.get();
        for (SpfRecord.Mechanism mechanism : record.mechanisms()) {
            if (mechanism.asksDns() && ++dnsTerms > MAX_DNS_TERMS) {
                throw SpfException.permError("more than " + MAX_DNS_TERMS + " DNS lookups");
            }
            if (matches(mechanism, domain)) {
                Result qualifier = mechanism.qualifier();
                if (qualifier == Result.FAIL) {
                    return result(Result.FAIL, explanation(record, domain));
                }
                return result(qualifier, "matched " + mechanism.kind().name().toLowerCase(Locale.ROOT) + " of "
                        + domain);
            }
        }
        if (record.redirect().isPresent() && !record.hasAll()) {
            if (++dnsTerms > MAX_DNS_TERMS) {
                throw SpfException.permError("more than " + MAX_DNS_TERMS + " DNS lookups");
            }
            String target = SpfMacros.expandDomain(record.redirect().get(), macros(domain));
            SpfResult redirected = checkHost(target, true);
            if (redirected.result() == Result.NONE) {
                throw SpfException.permError("redirect to " + target + ", which has no SPF record");
            }
            return redirected;
        }
        return result(Result.NEUTRAL, "no mechanism of " + domain + " matched");
    }

    private SpfResult result(Result result, String explanation) {
        return new SpfResult(result, explanation, query);
    }

    /** The one SPF record of {@code domain}; empty for none. */
    private Optional<SpfRecord> record(String domain, boolean nested) throws SpfException {
        List<String> texts;
        try {
            texts = dns.txt(domain);
        } catch (DnsException e) {
            if (!e.isPermanent()) {
                throw SpfException.tempError("DNS lookup of the SPF record of " + domain + " failed: "
                        + e.getMessage());
            }
            if (nested) {
                countVoid(domain);
            }
            return Optional.empty();
        }
        List<String> records = texts.stream().filter(SpfRecord::isSpf).toList();
        if (records.isEmpty()) {
            if (nested && texts.isEmpty()) {
                countVoid(domain);
            }
            return Optional.empty();
        }
        if (records.size() > 1) {
            throw SpfException.permError(domain + " has " + records.size() + " SPF records");
        }
        return Optional.of(SpfRecord.parse(records.get(0)));
    }

    private void countVoid(String name) throws SpfException {
        if (++voidLookups > MAX_VOID_LOOKUPS) {
            throw SpfException.permError("more than " + MAX_VOID_LOOKUPS + " lookups found nothing (last: "
                    + name + ")");
        }
    }

    private boolean matches(SpfRecord.Mechanism m, String domain) throws SpfException {
        InetAddress client = query.client();
        return switch (m.kind()) {
            case ALL -> true;
            case IP4, IP6 -> m.network().orElseThrow().contains(client);
            case INCLUDE -> include(target(m, domain));
            case A -> inAddresses(target(m, domain), m, true);
            case MX -> mx(target(m, domain), m);
            case PTR -> !validatedNames(target(m, domain), true).isEmpty();
            case EXISTS -> exists(target(m, domain));
        };
    }

    private String target(SpfRecord.Mechanism m, String domain) throws SpfException {
        return m.domainSpec().isEmpty() ? domain : SpfMacros.expandDomain(m.domainSpec().get(), macros(domain));
    }

    private boolean include(String target) throws SpfException {
        SpfResult included = checkHost(target, true);
        return switch (included.result()) {
            case PASS -> true;
            case FAIL, SOFTFAIL, NEUTRAL -> false;
            case TEMPERROR -> throw SpfException.tempError(included.explanation());
            case PERMERROR -> throw SpfException.permError(included.explanation());
            case NONE -> throw SpfException.permError("include of " + target + ", which has no SPF record");
        };
    }

    /** Whether the client is in the addresses of {@code host}, within the mechanism's prefix lengths. */
    private boolean inAddresses(String host, SpfRecord.Mechanism m, boolean countsVoid) throws SpfException {
        List<InetAddress> addresses;
        try {
            addresses = sameFamily(dns.addresses(host));
        } catch (DnsException e) {
            if (!e.isPermanent()) {
                throw SpfException.tempError("DNS lookup of " + host + " failed: " + e.getMessage());
            }
            addresses = List.of();
        }
        if (addresses.isEmpty() && countsVoid) {
            countVoid(host);
        }
        boolean v4 = query.client() instanceof Inet4Address;
        int prefix = v4 ? m.cidr4() : m.cidr6();
        return addresses.stream().anyMatch(a -> new org.mailgate.api.net.InetNetwork(a, prefix)
                .contains(query.client()));
    }

    private List<InetAddress> sameFamily(List<InetAddress> addresses) {
        boolean v4 = query.client() instanceof Inet4Address;
        return addresses.stream().filter(a -> (a instanceof Inet4Address) == v4).toList();
    }

    private boolean mx(String domain, SpfRecord.Mechanism m) throws SpfException {
        List<MxRecord> records;
        try {
            records = dns.mx(Domain.of(domain));
        } catch (DnsException e) {
            if (!e.isPermanent()) {
                throw SpfException.tempError("MX lookup of " + domain + " failed: " + e.getMessage());
            }
            records = List.of();
        } catch (IllegalArgumentException e) {
            throw SpfException.permError("'" + domain + "' is not a domain name");
        }
        List<MxRecord> hosts = records.stream().filter(r -> !r.isNullMx()).toList();
        if (hosts.isEmpty()) {
            countVoid(domain);
            return false;
        }
        if (hosts.size() > MAX_MX_OR_PTR_NAMES) {
            throw SpfException.permError(domain + " has more than " + MAX_MX_OR_PTR_NAMES + " MX records");
        }
        for (MxRecord host : hosts) {
            if (inAddresses(host.host(), m, false)) {
                return true;
            }
        }
        return false;
    }

    private boolean exists(String name) throws SpfException {
        try {
            List<InetAddress> v4 = dns.addresses(name).stream().filter(a -> a instanceof Inet4Address).toList();
            if (v4.isEmpty()) {
                countVoid(name);
            }
            return !v4.isEmpty();
        } catch (DnsException e) {
            if (!e.isPermanent()) {
                throw SpfException.tempError("DNS lookup of " + name + " failed: " + e.getMessage());
            }
            countVoid(name);
            return false;
        }
    }

    /**
     * The validated names of the client (RFC 7208 5.5): PTR names whose addresses include the client,
     * limited to {@code domain} and its subdomains when {@code onlyWithin}. DNS errors give no names.
     */
    private List<String> validatedNames(String domain, boolean onlyWithin) throws SpfException {
        List<String> names;
        try {
            names = dns.ptr(query.client());
        } catch (DnsException e) {
            if (e.isPermanent() && onlyWithin) {
                countVoid(query.client().getHostAddress());
            }
            return List.of();
        }
        if (names.isEmpty() && onlyWithin) {
            countVoid(query.client().getHostAddress());
        }
        String suffix = domain.toLowerCase(Locale.ROOT);
        List<String> validated = new ArrayList<>();
        for (String name : names.subList(0, Math.min(names.size(), MAX_MX_OR_PTR_NAMES))) {
            boolean within = name.equals(suffix) || name.endsWith("." + suffix);
            if (onlyWithin && !within) {
                continue;
            }
            try {
                if (dns.addresses(name).contains(query.client())) {
                    validated.add(name);
                }
            } catch (DnsException e) {
                // RFC 7208 5.5: a name whose addresses cannot be looked up is skipped
            }
        }
        return validated;
    }

    private String explanation(SpfRecord record, String domain) {
        String fallback = query.clientText() + " is not allowed to send mail for " + domain;
        if (record.exp().isEmpty()) {
            return fallback;
        }
        try {
            String name = SpfMacros.expandDomain(record.exp().get(), macros(domain));
            List<String> texts = dns.txt(name);
            if (texts.size() != 1) {
                return fallback;
            }
            return SpfMacros.expandExplanation(texts.get(0), macros(domain));
        } catch (DnsException | SpfException e) {
            return fallback; // RFC 7208 6.2: any trouble with exp gives the default explanation
        }
    }

    private SpfMacros.Values macros(String domain) {
        return letter -> {
            String identity = query.identity();
            int at = identity.lastIndexOf('@');
            return switch (letter) {
                case 's' -> identity;
                case 'l' -> identity.substring(0, at);
                case 'o' -> identity.substring(at + 1);
                case 'd' -> domain;
                case 'i' -> SpfMacros.dottedAddress(query.client());
                case 'c' -> query.clientText();
                case 'v' -> query.client() instanceof Inet4Address ? "in-addr" : "ip6";
                case 'h' -> query.helo();
                case 'r' -> "unknown";
                case 't' -> Long.toString(clock.instant().getEpochSecond());
                case 'p' -> pMacro(domain);
                default -> throw SpfException.permError("unknown macro letter " + letter);
            };
        };
    }

    /** A validated name of the client, preferring one within {@code domain}; "unknown" if none. */
    private String pMacro(String domain) throws SpfException {
        List<String> all = validatedNames(domain, false);
        String suffix = domain.toLowerCase(Locale.ROOT);
        return all.stream().filter(n -> n.equals(suffix) || n.endsWith("." + suffix)).findFirst()
                .or(() -> all.stream().findFirst()).orElse("unknown");
    }

    /** A multi-label name with labels of 1 to 63 characters, 253 at most (RFC 7208 4.3). */
    static boolean isValidDomain(String domain) {
        String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (name.isEmpty() || name.length() > 253 || !name.contains(".")) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }
}
