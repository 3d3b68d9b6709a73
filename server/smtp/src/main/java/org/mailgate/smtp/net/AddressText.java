package org.mailgate.smtp.net;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Client addresses as text: IPv6 in RFC 5952's canonical form ({@code 2001:db8::1}, not
 * {@code 2001:db8:0:0:0:0:0:1}), and as RFC 5321 address literals for the Received header and EHLO
 * reply ({@code IPv6:2001:db8::1}, written inside brackets).
 */
public final class AddressText {

    private AddressText() {
    }

    /** {@code 192.0.2.1} or {@code 2001:db8::1}, without a zone. */
    public static String ip(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 4.2.2: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** The content of an RFC 5321 address literal: {@code 192.0.2.1} or {@code IPv6:2001:db8::1}. */
    public static String literal(InetAddress address) {
        return address instanceof Inet6Address ? "IPv6:" + ip(address) : ip(address);
    }
}
