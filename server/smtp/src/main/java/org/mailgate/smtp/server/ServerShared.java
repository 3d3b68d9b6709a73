package org.mailgate.smtp.server;

import org.mailgate.api.metrics.SmtpServerMeters;
import org.mailgate.smtp.limits.ClientLimits;
import org.mailgate.smtp.session.AuthFailureTracker;

/**
 * What the listeners of one {@code <smtpserver>} share: its connection limit, its per-client limits and
 * AUTH failure counts, and its connection meters.
 */
record ServerShared(ConnectionGate gate, ClientLimits clientLimits, AuthFailureTracker authFailures,
                    SmtpServerMeters meters) {
}
