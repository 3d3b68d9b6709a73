package org.mailgate.smtp.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.mailgate.api.net.IpLiteral;

/**
 * Client addresses as text: IPv6 in RFC 5952's canonical form ({@code 2001:db8::1}, not
 * {@code 2001:db8:0:0:0:0:0:1}), and as RFC 5321 address literals for the Received header and EHLO
 * reply ({@code IPv6:2001:db8::1}, written inside brackets).
 */
public final class AddressText {

    private AddressText() {
    }

    /** {@code 192.0.2.1} or {@code 2001:db8::1}, without a zone: {@link IpLiteral#format}. */
    public static String ip(InetAddress address) {
        return IpLiteral.format(address);
    }

    /** The content of an RFC 5321 address literal: {@code 192.0.2.1} or {@code IPv6:2001:db8::1}. */
    public static String literal(InetAddress address) {
        return address instanceof Inet6Address ? "IPv6:" + ip(address) : ip(address);
    }
}
