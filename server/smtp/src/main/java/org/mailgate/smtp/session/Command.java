package org.mailgate.smtp.session;

import java.io.IOException;

/** One SMTP command. Implementations are small, stateless and shared by all sessions. */
public interface Command {

    /**
     * Handles the command; {@code argument} is everything after the verb and one space ("" if none).
     * Replies through the session; an IOException ends the session.
     */
    void execute(SmtpSession session, String argument) throws IOException;
}
