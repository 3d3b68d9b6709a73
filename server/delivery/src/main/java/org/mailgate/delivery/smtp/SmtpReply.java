package org.mailgate.delivery.smtp;

import java.util.List;

/** A reply from the remote server. */
public record SmtpReply(int code, List<String> lines) {

    public SmtpReply {
        lines = List.copyOf(lines);
    }

    public boolean isPositive() {
        return code >= 200 && code < 400;
    }

    public boolean isTemporary() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanent() {
        return code >= 500;
    }

    /** The enhanced status code at the start of the text (RFC 3463), if the server sent one. */
    public String enhancedStatus() {
        String first = lines.isEmpty() ? "" : lines.get(0);
        var m = java.util.regex.Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3})\\b").matcher(first);
        if (m.find()) {
            return m.group(1);
        }
        return isPositive() ? "2.0.0" : isTemporary() ? "4.0.0" : "5.0.0";
    }

    /** The reply as one line, e.g. {@code 550 5.1.1 no such user}. */
    public String text() {
        return code + " " + String.join(" ", lines);
    }

    @Override
    public String toString() {
        return text();
    }
}
