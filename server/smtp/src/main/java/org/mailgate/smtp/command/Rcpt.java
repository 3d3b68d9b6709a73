package org.mailgate.smtp.command;

import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.mailgate.api.dsn.DsnRequest;
import org.mailgate.smtp.hook.Hooks;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.MailTransaction;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/**
 * RCPT TO: adds a recipient. Relay control happens here: a recipient in a local domain is accepted
 * from anyone, any other only from an authorized network or an authenticated (SMTP AUTH) session.
 * NOTIFY and ORCPT of the DSN extension (RFC 3461) are kept for the recipient (see {@link DsnArguments}).
 */
final class Rcpt implements Command {

    /** RFC 5321 4.5.3.1.8 asks for at least 100. */
    static final int MAX_RECIPIENTS = 1000;

    private final Hooks hooks;

    Rcpt(Hooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        Optional<MailTransaction> transaction = session.transaction();
        if (transaction.isEmpty()) {
            session.reply(Replies.MAIL_FIRST);
            return;
        }
        Path path;
        try {
            path = Path.parse(argument, "TO", "5.1.3");
        } catch (Path.PathException e) {
            session.reply(e.reply());
            return;
        }
        DsnRequest.RecipientRequest dsn;
        try {
            dsn = DsnArguments.recipient(session.esmtp(), path.parameters());
        } catch (Path.PathException e) {
            session.reply(e.reply());
            return;
        }
        Optional<MailAddress> recipient = path.postmaster() ? postmaster(session) : path.address();
        if (recipient.isEmpty()) {
            session.reply(Reply.of(501, "5.1.3", "The null address is not a recipient"));
            return;
        }
        if (transaction.get().recipientCount() >= MAX_RECIPIENTS) {
            session.reply(Replies.TOO_MANY_RECIPIENTS);
            return;
        }
        if (!mayRelayTo(session, recipient.get())) {
            session.reply(Replies.RELAY_DENIED);
            return;
        }
        Optional<Reply> limited = session.limits().recipient();
        if (limited.isPresent()) {
            session.reply(limited.get());
            return;
        }
        Optional<Reply> refused = hooks.onRcpt(session, transaction.get(), recipient.get());
        if (refused.isPresent()) {
            session.reply(refused.get());
            return;
        }
        transaction.get().addRecipient(recipient.get(), dsn);
        session.reply(Replies.RECIPIENT_OK);
    }

    private static boolean mayRelayTo(SmtpSession session, MailAddress recipient) {
        return session.services().domains().isLocal(recipient.getDomain())
                || session.fromAuthorizedNetwork()
                || session.authenticatedUser().isPresent();
    }

    private static Optional<MailAddress> postmaster(SmtpSession session) {
        try {
            return Optional.of(MailAddress.of("postmaster", session.services().domains().defaultDomain()));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
