package org.mailgate.dns.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailgate.api.net.InetNetwork;
import org.mailgate.api.net.IpLiteral;
import org.mailgate.api.spf.SpfResult;

/**
 * One SPF record (RFC 7208 4.6, 12), parsed whole before anything is evaluated, so that any syntax error
 * is a {@code permerror} whatever the client's address.
 *
 * @param mechanisms the directives, in order
 * @param redirect   the {@code redirect=} domain-spec
 * @param exp        the {@code exp=} domain-spec
 */
record SpfRecord(List<Mechanism> mechanisms, Optional<String> redirect, Optional<String> exp) {

    private static final Pattern VERSION = Pattern.compile("(?i)v=spf1(?: .*)?");
    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*)=(.*)");
    private static final Pattern MECHANISM = Pattern.compile("([+?~-]?)([A-Za-z][A-Za-z0-9_.-]*)(.*)");
    /** {@code [:domain-spec][/ip4-cidr][//ip6-cidr]} after {@code a} or {@code mx}. */
    private static final Pattern DUAL_CIDR = Pattern.compile("(?::([^/]+))?(?:/(0|[1-9][0-9]*))?(?://(0|[1-9][0-9]*))?");
    private static final Pattern TOPLABEL = Pattern.compile("(?i)[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9]");

    SpfRecord {
        mechanisms = List.copyOf(mechanisms);
    }

    /** The kinds of mechanism (RFC 7208 5). */
    enum Kind { ALL, INCLUDE, A, MX, PTR, IP4, IP6, EXISTS }

    /**
     * One directive.
     *
     * @param qualifier  the result when it matches
     * @param kind       the mechanism
     * @param domainSpec the domain-spec, if given
     * @param cidr4      prefix length for IPv4 addresses ({@code a}, {@code mx}: 32 when not given)
     * @param cidr6      prefix length for IPv6 addresses
     * @param network    the network of {@code ip4} / {@code ip6}
     */
    record Mechanism(SpfResult.Result qualifier, Kind kind, Optional<String> domainSpec, int cidr4, int cidr6,
                     Optional<InetNetwork> network) {

        /** Whether it asks DNS, and so counts towards the limit of 10 lookups (RFC 7208 4.6.4). */
        boolean asksDns() {
            return kind == Kind.INCLUDE || kind == Kind.A || kind == Kind.MX || kind == Kind.PTR
                    || kind == Kind.EXISTS;
        }
    }

    /** Whether {@code text} is an SPF record at all: starts with {@code v=spf1} then a space or its end. */
    static boolean isSpf(String text) {
        return VERSION.matcher(text).matches();
    }

    /** Parses a record that {@link #isSpf} accepted. */
    static SpfRecord parse(String text) throws SpfException {
        String[] terms = text.substring("v=spf1".length()).trim().split(" +");
        List<Mechanism> mechanisms = new ArrayList<>();
        Optional<String> redirect = Optional.empty();
        Optional<String> exp = Optional.empty();
        for (String term : terms) {
            if (term.isEmpty()) {
                continue;
            }
            Matcher modifier = MODIFIER.matcher(term);
            if (modifier.matches()) {
                String name = modifier.group(1).toLowerCase(Locale.ROOT);
                String value = modifier.group(2);
                SpfMacros.checkSyntax(value);
                if (name.equals("redirect")) {
                    redirect = once(redirect, domainSpec(value), "redirect");
                } else if (name.equals("exp")) {
                    exp = once(exp, domainSpec(value), "exp");
                }
                continue; // other modifiers are ignored (RFC 7208 6)
            }
            mechanisms.add(mechanism(term));
        }
        return new SpfRecord(mechanisms, redirect, exp);
    }

    /** Whether an {@code all} mechanism is present: then {@code redirect} is ignored (RFC 7208 6.1). */
    boolean hasAll() {
        return mechanisms.stream().anyMatch(m -> m.kind() == Kind.ALL);
    }

    private static Optional<String> once(Optional<String> previous, String value, String name) throws SpfException {
        if (previous.isPresent()) {
            throw SpfException.permError("more than one " + name + "= modifier");
        }
        return Optional.of(value);
    }

    private static Mechanism mechanism(String term) throws SpfException {
        Matcher m = MECHANISM.matcher(term);
        if (!m.matches()) {
            throw SpfException.permError("'" + term + "' is not a mechanism");
        }
        SpfResult.Result qualifier = switch (m.group(1)) {
            case "-" -> SpfResult.Result.FAIL;
            case "~" -> SpfResult.Result.SOFTFAIL;
            case "?" -> SpfResult.Result.NEUTRAL;
            default -> SpfResult.Result.PASS;
        };
        String name = m.group(2).toLowerCase(Locale.ROOT);
        String rest = m.group(3);
        return switch (name) {
            case "all" -> {
                if (!rest.isEmpty()) {
                    throw SpfException.permError("'" + term + "': all takes no argument");
                }
                yield new Mechanism(qualifier, Kind.ALL, Optional.empty(), 32, 128, Optional.empty());
            }
            case "include", "exists" -> {
                if (!rest.startsWith(":") || rest.length() == 1) {
                    throw SpfException.permError("'" + term + "': " + name + " needs :domain");
                }
                Kind kind = name.equals("include") ? Kind.INCLUDE : Kind.EXISTS;
                yield new Mechanism(qualifier, kind, Optional.of(domainSpec(rest.substring(1))), 32, 128,
                        Optional.empty());
            }
            case "ptr" -> {
                Optional<String> spec = Optional.empty();
                if (rest.startsWith(":") && rest.length() > 1) {
                    spec = Optional.of(domainSpec(rest.substring(1)));
                } else if (!rest.isEmpty()) {
                    throw SpfException.permError("'" + term + "': ptr takes only :domain");
                }
                yield new Mechanism(qualifier, Kind.PTR, spec, 32, 128, Optional.empty());
            }
            case "a", "mx" -> addressMechanism(qualifier, name.equals("a") ? Kind.A : Kind.MX, term, rest);
            case "ip4", "ip6" -> ipMechanism(qualifier, name, term, rest);
            default -> throw SpfException.permError("unknown mechanism '" + term + "'");
        };
    }

    private static Mechanism addressMechanism(SpfResult.Result qualifier, Kind kind, String term, String rest)
            throws SpfException {
        Matcher cidr = DUAL_CIDR.matcher(rest);
        if (!cidr.matches()) {
            throw SpfException.permError("'" + term + "': expected [:domain][/cidr][//cidr6]");
        }
        Optional<String> spec = cidr.group(1) == null ? Optional.empty() : Optional.of(domainSpec(cidr.group(1)));
        int v4 = prefix(cidr.group(2), 32, term);
        int v6 = prefix(cidr.group(3), 128, term);
        return new Mechanism(qualifier, kind, spec, v4, v6, Optional.empty());
    }

    private static Mechanism ipMechanism(SpfResult.Result qualifier, String name, String term, String rest)
            throws SpfException {
        if (!rest.startsWith(":")) {
            throw SpfException.permError("'" + term + "': " + name + " needs :address");
        }
        String value = rest.substring(1);
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        boolean v4 = name.equals("ip4");
        Optional<InetAddress> parsed = v4 && address.matches("[0-9.]+") || !v4 && address.contains(":")
                ? IpLiteral.parse(address) : Optional.empty();
        if (parsed.isEmpty() || (v4 ? !(parsed.get() instanceof Inet4Address)
                : !(parsed.get() instanceof Inet6Address))) {
            throw SpfException.permError("'" + term + "': '" + address + "' is not an " + (v4 ? "IPv4" : "IPv6")
                    + " address");
        }
        String length = slash < 0 ? null : value.substring(slash + 1);
        if (length != null && !length.matches("0|[1-9][0-9]*")) {
            throw SpfException.permError("'" + term + "': bad prefix length");
        }
        int prefix = prefix(length, v4 ? 32 : 128, term);
        return new Mechanism(qualifier, v4 ? Kind.IP4 : Kind.IP6, Optional.empty(), 32, 128,
                Optional.of(new InetNetwork(parsed.get(), prefix)));
    }

    private static int prefix(String text, int max, String term) throws SpfException {
        if (text == null) {
            return max;
        }
        if (text.length() > 3 || Integer.parseInt(text) > max) {
            throw SpfException.permError("'" + term + "': prefix length " + text + " is over " + max);
        }
        return Integer.parseInt(text);
    }

    /** A domain-spec: a macro-string ending in a top label or a macro (RFC 7208 7.1). */
    private static String domainSpec(String spec) throws SpfException {
        SpfMacros.checkSyntax(spec);
        if (spec.endsWith("}")) {
            return spec;
        }
        String name = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !TOPLABEL.matcher(name.substring(dot + 1)).matches()) {
            throw SpfException.permError("'" + spec + "' is not a domain name");
        }
        return spec;
    }
}
