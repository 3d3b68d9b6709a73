package org.mailgate.api.spf;

import java.net.InetAddress;
import java.util.Locale;
import org.mailgate.api.net.IpLiteral;

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
        return IpLiteral.format(client);
    }

    /** The domain of {@link #identity()}, in lower case. */
    public String domain() {
        String identity = identity();
        return identity.substring(identity.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
