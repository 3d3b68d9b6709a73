package org.mailgate.delivery;

import org.apache.james.core.MailAddress;

/**
 * What happened to one recipient in one attempt.
 *
 * @param relay       the server that answered, e.g. {@code mx.example.com[192.0.2.1]:25}, or "none"
 * @param detail      the server's reply or the local reason
 * @param dsnPassedOn for a delivered recipient, whether the server offered DSN and so took over the
 *                    sender's DSN request (RFC 3461 5.2.1); if not, this hop owes a "relayed" report
 */
public record RecipientResult(MailAddress recipient, Kind kind, String relay, String detail, boolean dsnPassedOn) {

    public enum Kind { DELIVERED, TEMPORARY, PERMANENT }

    public RecipientResult(MailAddress recipient, Kind kind, String relay, String detail) {
        this(recipient, kind, relay, detail, false);
    }

    public static RecipientResult delivered(MailAddress r, String relay, String detail) {
        return new RecipientResult(r, Kind.DELIVERED, relay, detail);
    }

    /** Delivered to a server that did ({@code dsnPassedOn}) or did not offer DSN. */
    public static RecipientResult delivered(MailAddress r, String relay, String detail, boolean dsnPassedOn) {
        return new RecipientResult(r, Kind.DELIVERED, relay, detail, dsnPassedOn);
    }

    public static RecipientResult temporary(MailAddress r, String relay, String detail) {
        return new RecipientResult(r, Kind.TEMPORARY, relay, detail);
    }

    public static RecipientResult permanent(MailAddress r, String relay, String detail) {
        return new RecipientResult(r, Kind.PERMANENT, relay, detail);
    }
}
