package org.mailgate.container.engine;

/**
 * A matcher or mailet failure with policy {@code propagate}: processing of the whole spooled mail
 * stops, and the spooler retries it later from its stored state.
 */
public final class PropagatedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PropagatedFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
