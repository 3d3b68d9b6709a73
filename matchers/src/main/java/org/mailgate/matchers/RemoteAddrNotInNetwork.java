package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.mailgate.api.net.IpLiteral;
import org.mailgate.api.net.NetworkList;

/**
 * All recipients when the mail came from a client outside every network of the condition, e.g.
 * {@code RemoteAddrNotInNetwork=127.0.0.0/8, 10.0.0.0/255.0.0.0, 192.168.*, 2001:db8::/32}; the
 * opposite of {@link RemoteAddrInNetwork}. A client address that cannot be read is outside. Host names
 * are not accepted in the list (James looks them up in DNS once, at start).
 */
public final class RemoteAddrNotInNetwork extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("RemoteAddrNotInNetwork",
            "a list of IP addresses and networks", "RemoteAddrNotInNetwork=127.0.0.0/8, 192.168.*, 2001:db8::/32");

    private NetworkList networks;

    @Override
    public void init() throws MessagingException {
        String condition = SYNTAX.required(getCondition());
        try {
            networks = NetworkList.parse(condition);
        } catch (IllegalArgumentException e) {
            throw SYNTAX.malformed(e.getMessage());
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Optional<InetAddress> client = Optional.ofNullable(mail.getRemoteAddr()).flatMap(IpLiteral::parse);
        return client.filter(networks::contains).isPresent() ? List.of() : mail.getRecipients();
    }

    @Override
    public String getMatcherInfo() {
        return "RemoteAddrNotInNetwork Matcher";
    }
}
