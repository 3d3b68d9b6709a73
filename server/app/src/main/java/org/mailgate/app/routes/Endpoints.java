package org.mailgate.app.routes;

/** Every Camel endpoint URI Mailgate uses, in one place. */
public final class Endpoints {

    /** The component that turns a stored queue into a stream of entry ids. */
    public static final String COMPONENT = "mailgate-queue";

    private Endpoints() {
    }

    public static String spool(int consumers) {
        return COMPONENT + ":spool?consumers=" + consumers;
    }

    public static String outgoing(int consumers) {
        return COMPONENT + ":outgoing?consumers=" + consumers;
    }
}
