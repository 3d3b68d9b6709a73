package org.mailgate.smtp.session;

import java.util.List;

/**
 * One SMTP reply: code, enhanced status (RFC 3463; empty for greetings and HELO/EHLO replies) and text.
 * A multi-line reply has several text lines.
 */
public record Reply(int code, String enhancedStatus, List<String> lines) {

    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("not a reply code: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs text");
        }
    }

    public static Reply of(int code, String enhancedStatus, String text) {
        return new Reply(code, enhancedStatus, List.of(text));
    }

    public static Reply plain(int code, String text) {
        return new Reply(code, "", List.of(text));
    }

    public boolean isPositive() {
        return code < 400;
    }

    /** The reply as sent, CRLF line ends included. */
    public String render() {
        StringBuilder out = new StringBuilder(64);
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (!enhancedStatus.isEmpty()) {
                out.append(enhancedStatus).append(' ');
            }
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return code + (enhancedStatus.isEmpty() ? "" : " " + enhancedStatus) + " " + String.join(" / ", lines);
    }
}
