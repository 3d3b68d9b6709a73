package org.mailgate.delivery.tls;

import java.io.IOException;

/** TLS could not be set up with a server; the message says why, and {@link #kind()} which step failed. */
public final class TlsException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Which step failed. */
    public enum Kind {
        /** The handshake itself: no common protocol or cipher, garbage, the peer hung up. */
        HANDSHAKE,
        /** The certificate does not chain to a trusted root (or is expired, or malformed). */
        UNTRUSTED,
        /** The certificate is trusted but does not name the host. */
        NAME_MISMATCH,
        /** The configured trust store cannot be used. */
        TRUST_STORE
    }

    private final Kind kind;

    public TlsException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
