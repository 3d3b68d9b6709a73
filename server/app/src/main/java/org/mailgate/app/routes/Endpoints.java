package org.mailgate.app.routes;

/** Every Camel endpoint URI Mailgate uses, in one place. */
public final class Endpoints {

    /** The component that turns a stored queue into a stream of entry ids. */
    public static final String COMPONENT = "mailgate-queue";

    private Endpoints() {
    }

    /** Processing is quick: a worker takes several mails per exchange. */
    public static String spool(int consumers) {
        return COMPONENT + ":spool?consumers=" + consumers + "&batch=16";
    }

    /** A delivery can be slow: a worker takes one entry at a time, so no entry waits behind another. */
    public static String outgoing(int consumers) {
        return COMPONENT + ":outgoing?consumers=" + consumers + "&batch=1";
    }
}
