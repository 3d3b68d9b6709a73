package org.mailgate.testkit.smtp;

import java.util.Objects;

/**
 * A reply a test told the sink to give: a failure code and its text (which may begin with an enhanced
 * status code, e.g. {@code "4.3.0 try again later"}).
 */
record ScriptedReply(int code, String text) {

    ScriptedReply {
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("a scripted failure needs a 4xx or 5xx code, got " + code);
        }
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reply text must be one line: " + text);
        }
    }

    /** The reply line as sent, without CRLF. */
    String line() {
        return text.isEmpty() ? Integer.toString(code) : code + " " + text;
    }
}
