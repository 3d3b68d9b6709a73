package org.mailgate.spool;

/** The store failed (disk full, database corrupt, bug). Never a client's fault. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
