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
 * All recipients when the mail came from a client in one of the networks of the condition, e.g.
 * {@code RemoteAddrInNetwork=127.0.0.0/8, 10.0.0.0/255.0.0.0, 192.168.*}.
 */
public final class RemoteAddrInNetwork extends GenericMatcher {

    private NetworkList networks;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition == null || condition.isBlank()) {
            throw new MessagingException("a network list is required, e.g. RemoteAddrInNetwork=127.0.0.0/8");
        }
        try {
            networks = NetworkList.parse(condition);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(e.getMessage());
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Optional<InetAddress> client = Optional.ofNullable(mail.getRemoteAddr()).flatMap(IpLiteral::parse);
        return client.filter(networks::contains).isPresent() ? mail.getRecipients() : List.of();
    }
}
