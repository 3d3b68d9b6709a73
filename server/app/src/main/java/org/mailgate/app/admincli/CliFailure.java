package org.mailgate.app.admincli;

/** Ends an admin command with a message for the operator and an exit status: 1 an error, 2 a usage error. */
final class CliFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    private CliFailure(int exitStatus, String message) {
        super(message, null, false, false);
        this.exitStatus = exitStatus;
    }

    static CliFailure error(String message) {
        return new CliFailure(1, message);
    }

    static CliFailure usage(String message) {
        return new CliFailure(2, message);
    }

    int exitStatus() {
        return exitStatus;
    }
}
