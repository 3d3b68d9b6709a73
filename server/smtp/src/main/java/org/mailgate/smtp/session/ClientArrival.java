package org.mailgate.smtp.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.mailgate.api.audit.AuditFields;
import org.mailgate.api.dsn.DsnRequest;
import org.mailgate.api.spool.Arrival;

/**
 * What the mail learns about the SMTP client that sent it, with James's attributes: the HELO name, the
 * session id and, for a client in {@code authorizedAddresses}, {@value #AUTH_NETWORK} = true (what
 * {@code SMTPIsAuthNetwork} tests), for an authenticated session the user name as {@code Mail.SMTP_AUTH_USER}
 * (what {@code SMTPAuthSuccessful} and {@code SMTPAuthUserIs} test). DATA makes it from the session; a dry
 * run ({@code mailgate trace}) from what the operator says the client would be.
 *
 * @param remoteIp          the client's address as text, also its host name on the mail
 * @param helo              the HELO/EHLO name, if the client gave one
 * @param authUser          the user the client authenticated as
 * @param authorizedNetwork whether the address is in the listener's {@code authorizedAddresses}
 */
public record ClientArrival(String remoteIp, Optional<String> helo, String sessionId, Optional<String> authUser,
                            boolean authorizedNetwork, Optional<TlsInfo> tls) {

    /** James's name of the attribute set on mail from a client that may relay. */
    public static final String AUTH_NETWORK = "org.apache.james.SMTPIsAuthNetwork";

    public static ClientArrival of(SmtpSession session) {
        return new ClientArrival(session.remoteIp(), session.helo(), session.id(),
                session.authenticatedUser().map(u -> u.asString()), session.fromAuthorizedNetwork(), session.tls());
    }

    /**
     * The arrival of a message, with the DSN parameters the client gave ({@link DsnRequest#toAttributes()})
     * and what the hooks left on the transaction (such as the SPF result).
     */
    public Arrival arrival(DsnRequest dsn, List<Attribute> hookAttributes) {
        List<Attribute> attributes = new ArrayList<>(3);
        attributes.add(new Attribute(Mail.SMTP_HELO, AttributeValue.of(helo.orElse(""))));
        attributes.add(new Attribute(Mail.SMTP_SESSION_ID, AttributeValue.of(sessionId)));
        authUser.ifPresent(user -> attributes.add(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(user))));
        if (authorizedNetwork) {
            attributes.add(new Attribute(AttributeName.of(AUTH_NETWORK), AttributeValue.of(true)));
        }
        if (!dsn.isEmpty()) {
            attributes.addAll(dsn.toAttributes());
        }
        attributes.addAll(hookAttributes);
        return new Arrival(remoteIp, remoteIp, attributes, new AuditFields()
                .add("client", "[" + remoteIp + "]").add("helo", helo.orElse("?"))
                .add("session", sessionId).add("tls", tls.map(t -> t.protocol() + ":" + t.cipherSuite()))
                .add("auth", authUser).toString());
    }
}
