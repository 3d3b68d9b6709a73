package org.mailgate.api.spf;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * What SPF is asked about: the client's address, the MAIL FROM address (empty for the null reverse-path)
 * and the HELO/EHLO name.
 *
 * @param client the SMTP client's address
 * @param sender the MAIL FROM address, {@code ""} for {@code <>}
 * @param helo   the HELO/EHLO argument
 */
public record SpfQuery(InetAddress client, String sender, String helo) {

    /**
     * The identity checked (RFC 7208 2.4): the MAIL FROM address, or {@code postmaster@helo} for the null
     * reverse-path; a sender without local part gets {@code postmaster}.
     */
    public String identity() {
        if (sender.isEmpty()) {
            return "postmaster@" + helo;
        }
        int at = sender.lastIndexOf('@');
        return at <= 0 ? "postmaster@" + sender.substring(at + 1) : sender;
    }

    /** The client's address as text; IPv6 in the short form of RFC 5952 ({@code 2001:db8::1}). */
    public String clientText() {
        if (!(client instanceof Inet6Address)) {
            return client.getHostAddress();
        }
        byte[] b = client.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** The domain of {@link #identity()}, in lower case. */
    public String domain() {
        String identity = identity();
        return identity.substring(identity.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
