package org.mailgate.delivery.route;

/** No target can be found for a destination; permanent (NXDOMAIN, null MX) or temporary (DNS trouble). */
public final class RouteException extends Exception {

    private static final long serialVersionUID = 1L;
    private final boolean permanent;

    public RouteException(boolean permanent, String message) {
        super(message);
        this.permanent = permanent;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
