package org.mailgate.smtp.session;

import java.net.InetAddress;

/** The failed AUTH attempts of one session, counted also for its client address across sessions. */
public final class AuthAttempts {

    private final AuthFailureTracker tracker;
    private final InetAddress client;
    private final int maxPerSession;
    private int failures;

    public AuthAttempts(AuthFailureTracker tracker, InetAddress client, int maxPerSession) {
        this.tracker = tracker;
        this.client = client;
        this.maxPerSession = maxPerSession;
    }

    /** Whether the client address has failed too often lately to try now. */
    public boolean addressBlocked() {
        return tracker.blocked(client);
    }

    /** Counts a failure; true when the session has reached its limit and must end. */
    public boolean failed() {
        tracker.failed(client);
        failures++;
        return failures >= maxPerSession;
    }
}
