package org.mailgate.delivery.smtp;

import java.io.IOException;

/**
 * A kept connection turned out to be unusable (closed by the server while idle, or RSET refused) before
 * anything of the new transaction was accepted: another connection may be tried at once.
 */
public final class StaleConnectionException extends IOException {

    private static final long serialVersionUID = 1L;

    public StaleConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
