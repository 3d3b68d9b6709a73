package org.mailgate.smtp.hook;

import java.util.Locale;
import org.apache.james.core.MailAddress;
import org.mailgate.smtp.session.SmtpSession;

/** Who the sender checks leave alone. */
final class ClientTrust {

    private ClientTrust() {
    }

    /** Clients in {@code authorizedAddresses} and authenticated sessions are not checked. */
    static boolean isTrusted(SmtpSession session) {
        return session.fromAuthorizedNetwork() || session.authenticatedUser().isPresent();
    }

    /**
     * {@code postmaster} and {@code abuse} of a local domain (RFC 5321 4.5.1, RFC 2142): still reachable
     * from a client the client checks refuse, so that it can ask why.
     */
    static boolean isRoleAccount(SmtpSession session, MailAddress recipient) {
        String local = recipient.getLocalPart().toLowerCase(Locale.ROOT);
        return (local.equals("postmaster") || local.equals("abuse"))
                && session.services().domains().isLocal(recipient.getDomain());
    }
}
