package org.mailgate.api.dns;

import java.net.InetAddress;
import java.util.List;
import org.apache.james.core.Domain;

/** DNS as mail routing needs it. Answers are cached within their TTL. */
public interface DnsResolver {

    /**
     * MX records of {@code domain}, lowest preference first (equal preferences in random order).
     * Empty when the domain exists but has no MX records.
     *
     * @throws DnsException NO_SUCH_DOMAIN for NXDOMAIN, TEMPORARY for timeouts and server failures
     */
    List<MxRecord> mx(Domain domain) throws DnsException;

    /**
     * The IPv4 and IPv6 addresses of {@code hostname} (A, then AAAA). Empty when the name exists
     * without addresses. An IP literal is returned as is, without a query.
     */
    List<InetAddress> addresses(String hostname) throws DnsException;

    /**
     * The TXT records at {@code name}, each with its strings joined without separator (RFC 7208 3.3).
     * Empty when the name exists without TXT records.
     *
     * @throws DnsException NO_SUCH_DOMAIN for NXDOMAIN, TEMPORARY for timeouts and server failures
     */
    List<String> txt(String name) throws DnsException;

    /**
     * The names the PTR records of {@code address} point to ({@code in-addr.arpa} / {@code ip6.arpa}), in
     * lower case without the final dot. Empty when the reverse name exists without PTR records.
     *
     * @throws DnsException NO_SUCH_DOMAIN when there is no reverse name, TEMPORARY for timeouts and failures
     */
    List<String> ptr(InetAddress address) throws DnsException;
}
