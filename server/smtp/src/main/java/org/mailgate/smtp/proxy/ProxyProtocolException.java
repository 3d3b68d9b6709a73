package org.mailgate.smtp.proxy;

import java.io.IOException;

/** A PROXY protocol header that is missing, malformed or not of a kind Mailgate accepts. */
public final class ProxyProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    public ProxyProtocolException(String message) {
        super(message);
    }
}
