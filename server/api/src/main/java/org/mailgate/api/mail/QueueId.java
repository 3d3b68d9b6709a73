package org.mailgate.api.mail;

import java.util.Locale;

/**
 * The identity of one accepted message for its whole life in Mailgate: given in the SMTP {@code 250}
 * reply, carried by every log line about the message, kept by every copy a split makes. Rendered as
 * ten or more upper-case hex digits, as Postfix does.
 */
public record QueueId(long value) implements Comparable<QueueId> {

    public QueueId {
        if (value <= 0) {
            throw new IllegalArgumentException("queue id must be positive: " + value);
        }
    }

    public static QueueId parse(String text) {
        try {
            return new QueueId(Long.parseUnsignedLong(text.trim(), 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a queue id: '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        String hex = Long.toHexString(value).toUpperCase(Locale.ROOT);
        return hex.length() >= 10 ? hex : "0".repeat(10 - hex.length()) + hex;
    }

    @Override
    public int compareTo(QueueId other) {
        return Long.compare(value, other.value);
    }
}
