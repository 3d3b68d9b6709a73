package org.mailgate.delivery.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMTP reply code and enhanced status code (RFC 3463) in a failure's detail, e.g.
 * {@code 550 5.1.1 no such mailbox}; a local reason ("connect to ...: refused") has neither.
 */
public record ReplyStatus(Optional<Integer> code, Optional<String> enhanced) {

    private static final Pattern REPLY = Pattern.compile("^([2-5][0-9][0-9])(?:[ -]+([245]\\.[0-9]{1,3}\\.[0-9]{1,3})\\b)?");

    public static ReplyStatus of(String detail) {
        Matcher m = REPLY.matcher(detail.trim());
        if (!m.find()) {
            return new ReplyStatus(Optional.empty(), Optional.empty());
        }
        return new ReplyStatus(Optional.of(Integer.parseInt(m.group(1))), Optional.ofNullable(m.group(2)));
    }

    /** Whether the detail is a server's reply. */
    public boolean isReply() {
        return code.isPresent();
    }

    /**
     * The status a report gives for a recipient given up on: the server's enhanced code, else the class of
     * its reply code (550 gives 5.0.0), else {@code fallback} (e.g. 5.4.7, delivery time expired).
     */
    public String statusOr(String fallback) {
        return enhanced.or(() -> code.filter(c -> c >= 400).map(c -> (c / 100) + ".0.0")).orElse(fallback);
    }
}
