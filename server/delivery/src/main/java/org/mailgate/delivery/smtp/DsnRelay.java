package org.mailgate.delivery.smtp;

import org.apache.james.core.MailAddress;
import org.apache.mailet.DsnParameters.Notify;
import org.mailgate.api.dsn.DsnRequest;

/**
 * The DSN parameters (RFC 3461 5.2.1) that go to a next hop offering DSN: ENVID and RET on MAIL FROM,
 * NOTIFY and ORCPT on RCPT TO, each exactly as the sender gave it, and none that the sender did not
 * give. To a next hop without DSN nothing is sent (RFC 3461 5.2.2 a); the reports that this hop then
 * owes the sender are the caller's.
 */
public final class DsnRelay {

    private DsnRelay() {
    }

    /** Whether the parameters can be passed on over {@code connection}. */
    public static boolean passesOn(SmtpConnection connection) {
        return connection.supports("DSN");
    }

    /** The parameters to append to MAIL FROM, each with a leading space; empty if there are none to send. */
    public static String mailParameters(SmtpConnection connection, DsnRequest dsn) {
        if (dsn.isEmpty() || !passesOn(connection)) {
            return "";
        }
        StringBuilder parameters = new StringBuilder();
        dsn.ret().ifPresent(ret -> parameters.append(" RET=").append(ret.name()));
        dsn.envelopeId().ifPresent(id -> parameters.append(" ENVID=").append(id));
        return parameters.toString();
    }

    /** The parameters to append to RCPT TO for {@code recipient}; empty if there are none to send. */
    public static String rcptParameters(SmtpConnection connection, DsnRequest dsn, MailAddress recipient) {
        if (dsn.recipients().isEmpty() || !passesOn(connection)) {
            return "";
        }
        StringBuilder parameters = new StringBuilder();
        dsn.notify(recipient).ifPresent(notify -> parameters.append(" NOTIFY=")
                .append(String.join(",", notify.stream().map(Notify::name).toList())));
        dsn.originalRecipient(recipient).ifPresent(o -> parameters.append(" ORCPT=").append(o.parameter()));
        return parameters.toString();
    }
}
