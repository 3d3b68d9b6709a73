package org.mailgate.smtp.auth;

import java.util.Optional;
import org.mailgate.smtp.config.AuthConfig;
import org.mailgate.smtp.session.SmtpSession;

/**
 * The AUTH line of the EHLO reply: offered only where AUTH could succeed (PLAIN and LOGIN enabled, and
 * TLS active unless {@code requireSSL} is false), then as {@code <announce>} says; a server that
 * requires AUTH always announces it there.
 */
public final class AuthAnnouncement {

    static final String LINE = "AUTH PLAIN LOGIN";

    private AuthAnnouncement() {
    }

    public static Optional<String> ehloLine(SmtpSession session) {
        AuthConfig auth = session.config().auth();
        if (!auth.plainAuthEnabled() || (auth.requireSSL() && session.tls().isEmpty())) {
            return Optional.empty();
        }
        boolean announce = auth.required() || switch (auth.announce()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case FOR_UNAUTHORIZED_ADDRESSES -> !session.fromAuthorizedNetwork();
        };
        return announce ? Optional.of(LINE) : Optional.empty();
    }
}
