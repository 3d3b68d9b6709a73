package org.mailgate.smtp.auth;

import java.io.IOException;
import java.util.Locale;
import org.apache.james.core.Username;
import org.mailgate.smtp.session.AuthAttempts;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.SmtpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AUTH (RFC 4954) with the PLAIN (RFC 4616) and LOGIN mechanisms, checked against the account store.
 * Once per session, outside a mail transaction, after EHLO. Failures count per session and per client
 * address ({@link AuthAttempts}); passwords are never logged. Whether TLS must come first is the job of
 * {@link TlsRequired} around this command.
 */
public final class Auth implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(Auth.class);

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (!session.config().auth().plainAuthEnabled()) {
            session.reply(Replies.AUTH_NOT_OFFERED);
            return;
        }
        if (session.helo().isEmpty() || !session.esmtp()) {
            session.reply(Replies.AUTH_EHLO_FIRST);
            return;
        }
        if (session.authenticatedUser().isPresent()) {
            session.reply(Replies.AUTH_ALREADY);
            return;
        }
        if (session.transaction().isPresent()) {
            session.reply(Replies.AUTH_IN_TRANSACTION);
            return;
        }
        String[] words = argument.strip().split(" +");
        if (words[0].isEmpty() || words.length > 2) {
            session.reply(Replies.AUTH_SYNTAX);
            return;
        }
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        if (!mechanism.equals("PLAIN") && !mechanism.equals("LOGIN")) {
            session.reply(Replies.AUTH_MECHANISM_UNKNOWN);
            return;
        }
        if (session.authAttempts().addressBlocked()) {
            LOG.info("{}: AUTH refused for [{}]: too many failures lately", session.id(), session.remoteIp());
            session.reply(Replies.AUTH_TOO_MANY_FROM_YOU);
            session.reply(Replies.AUTH_TOO_MANY_FAILURES);
            session.quit();
            return;
        }
        String initial = words.length == 2 ? words[1] : null;
        SaslExchange.Outcome outcome = mechanism.equals("PLAIN") ? SaslExchange.plain(session, initial)
                : SaslExchange.login(session, initial);
        switch (outcome) {
            case SaslExchange.Outcome.Refused refused -> session.reply(refused.reply());
            case SaslExchange.Outcome.Credentials credentials -> check(session, credentials);
        }
    }

    private static void check(SmtpSession session, SaslExchange.Outcome.Credentials credentials) throws IOException {
        boolean valid;
        Username user = null;
        try {
            user = Username.of(credentials.user());
            valid = credentials.authorizesOnlyItself() && session.services().users().verify(user,
                    credentials.password());
        } catch (IllegalArgumentException e) {
            valid = false;
        } catch (RuntimeException e) {
            LOG.error("{}: cannot check AUTH of [{}]: {}", session.id(), session.remoteIp(), e.getMessage(), e);
            session.reply(Replies.AUTH_UNAVAILABLE);
            return;
        }
        if (valid) {
            session.authenticated(user);
            LOG.info("{}: [{}] authenticated as {}", session.id(), session.remoteIp(), user.asString());
            session.reply(Replies.AUTH_OK);
            return;
        }
        LOG.info("{}: AUTH failed from [{}] for user '{}'", session.id(), session.remoteIp(),
                printable(credentials.user()));
        if (session.authAttempts().failed()) {
            LOG.info("{}: closing: too many failed AUTH attempts from [{}]", session.id(), session.remoteIp());
            session.reply(Replies.AUTH_TOO_MANY_FAILURES);
            session.quit();
        } else {
            session.reply(Replies.AUTH_FAILED);
        }
    }

    /** A user name as the client sent it, safe for one log line. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 100));
        text.codePoints().limit(100).forEach(c -> out.appendCodePoint(c >= 0x20 && c != 0x7f ? c : '?'));
        return out.toString();
    }
}
