package org.mailgate.delivery;

import org.apache.james.core.MailAddress;

/**
 * What happened to one recipient in one attempt.
 *
 * @param relay  the server that answered, e.g. {@code mx.example.com[192.0.2.1]:25}, or "none"
 * @param detail the server's reply or the local reason
 */
public record RecipientResult(MailAddress recipient, Kind kind, String relay, String detail) {

    public enum Kind { DELIVERED, TEMPORARY, PERMANENT }

    public static RecipientResult delivered(MailAddress r, String relay, String detail) {
        return new RecipientResult(r, Kind.DELIVERED, relay, detail);
    }

    public static RecipientResult temporary(MailAddress r, String relay, String detail) {
        return new RecipientResult(r, Kind.TEMPORARY, relay, detail);
    }

    public static RecipientResult permanent(MailAddress r, String relay, String detail) {
        return new RecipientResult(r, Kind.PERMANENT, relay, detail);
    }
}
