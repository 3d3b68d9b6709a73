package org.mailgate.api.dns;

/** A DNS lookup that gave no usable answer. */
public final class DnsException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whether asking again later may help. */
    public enum Kind {
        /** NXDOMAIN: the name does not exist. Permanent. */
        NO_SUCH_DOMAIN,
        /** Timeout, SERVFAIL, network trouble: try again later. */
        TEMPORARY
    }

    private final Kind kind;

    public DnsException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DnsException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isPermanent() {
        return kind == Kind.NO_SUCH_DOMAIN;
    }
}
