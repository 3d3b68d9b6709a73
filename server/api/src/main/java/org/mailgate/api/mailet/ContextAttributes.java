package org.mailgate.api.mailet;

/** Names of the attributes Mailgate's mailet context publishes to mailets ({@code getAttribute}). */
public final class ContextAttributes {

    /** The host name this server gives itself (the first SMTP server's {@code helloName}), a String. */
    public static final String HOST_NAME = "org.mailgate.hostName";

    private ContextAttributes() {
    }
}
