package org.mailgate.delivery.smtp;

import java.io.IOException;

/** The remote server broke the protocol (garbled reply, unexpected close). */
public final class SmtpProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    public SmtpProtocolException(String message) {
        super(message);
    }
}
