package org.mailgate.smtp.command;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.james.core.MaybeSender;
import org.mailgate.smtp.hook.Hooks;
import org.mailgate.smtp.auth.SenderIdentity;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.MailTransaction;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/**
 * MAIL FROM: starts a transaction. Understands SIZE (RFC 1870), BODY (RFC 6152), and RET and ENVID of
 * the DSN extension (RFC 3461, see {@link DsnArguments}).
 */
final class Mail implements Command {

    private final Hooks hooks;

    Mail(Hooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (session.helo().isEmpty()) {
            session.reply(Replies.HELLO_FIRST);
            return;
        }
        if (session.transaction().isPresent()) {
            session.reply(Replies.NESTED_MAIL);
            return;
        }
        Path path;
        try {
            path = Path.parse(argument, "FROM", "5.1.7");
        } catch (Path.PathException e) {
            session.reply(e.reply());
            return;
        }
        Reply refused = checkParameters(session, path.parameters());
        if (refused != null) {
            session.reply(refused);
            return;
        }
        Optional<Reply> notOwned = SenderIdentity.check(session, path.address());
        if (notOwned.isPresent()) {
            session.reply(notOwned.get());
            return;
        }
        DsnArguments.MailDsn dsn;
        try {
            dsn = DsnArguments.mail(session.esmtp(), path.parameters());
        } catch (Path.PathException e) {
            session.reply(e.reply());
            return;
        }
        Optional<Reply> limited = session.limits().mail();
        if (limited.isPresent()) {
            session.reply(limited.get());
            if (limited.get().code() == 421) {
                session.quit();
            }
            return;
        }
        session.beginTransaction(path.address().map(MaybeSender::of).orElse(MaybeSender.nullSender()));
        MailTransaction transaction = session.transaction().orElseThrow();
        transaction.requestDsn(dsn.envelopeId(), dsn.ret());
        Optional<Reply> hookRefusal = hooks.onMail(session, transaction);
        if (hookRefusal.isPresent()) {
            session.endTransaction();
            session.reply(hookRefusal.get());
            return;
        }
        session.reply(Replies.SENDER_OK);
    }

    private static Reply checkParameters(SmtpSession session, Map<String, String> parameters) {
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            switch (parameter.getKey()) {
                case "SIZE" -> {
                    if (!session.esmtp()) {
                        return unknown(parameter.getKey());
                    }
                    long declared;
                    try {
                        declared = Long.parseLong(parameter.getValue());
                    } catch (NumberFormatException e) {
                        return Reply.of(501, "5.5.4", "SIZE needs a number");
                    }
                    long max = session.config().maxMessageSize();
                    if (max > 0 && declared > max) {
                        return Replies.MESSAGE_TOO_BIG;
                    }
                }
                case "BODY" -> {
                    String body = parameter.getValue().toUpperCase(Locale.ROOT);
                    if (!session.esmtp() || !(body.equals("7BIT") || body.equals("8BITMIME"))) {
                        return Reply.of(555, "5.5.4", "BODY must be 7BIT or 8BITMIME");
                    }
                }
                default -> {
                    if (!DsnArguments.isMailParameter(parameter.getKey())) {
                        return unknown(parameter.getKey());
                    }
                }
            }
        }
        return null;
    }

    private static Reply unknown(String keyword) {
        return Reply.of(555, "5.5.4", "Unsupported parameter " + keyword);
    }
}
