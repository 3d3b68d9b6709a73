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
}
