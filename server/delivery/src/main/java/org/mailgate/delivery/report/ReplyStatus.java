package org.mailgate.delivery.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMTP reply code and enhanced status code (RFC 3463) in a failure's detail, e.g.
 * {@code 550 5.1.1 no such mailbox}; a local reason ("connect to ...: refused") has no reply code, and an
 * enhanced status only if it starts with one ("5.6.7 SMTPUTF8 is required, ...").
 */
public record ReplyStatus(Optional<Integer> code, Optional<String> enhanced) {

    private static final Pattern REPLY = Pattern.compile("^([2-5][0-9][0-9])(?:[ -]+([245]\\.[0-9]{1,3}\\.[0-9]{1,3})\\b)?");
    /** A local reason may start with its enhanced status, e.g. {@code 5.6.7 SMTPUTF8 is required, ...}. */
    private static final Pattern LOCAL = Pattern.compile("^([245]\\.[0-9]{1,3}\\.[0-9]{1,3}) ");

    public static ReplyStatus of(String detail) {
        Matcher m = REPLY.matcher(detail.trim());
        if (!m.find()) {
            Matcher local = LOCAL.matcher(detail.trim());
            return new ReplyStatus(Optional.empty(), local.find() ? Optional.of(local.group(1)) : Optional.empty());
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
