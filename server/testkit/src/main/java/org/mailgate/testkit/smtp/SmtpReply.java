package org.mailgate.testkit.smtp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMTP reply, possibly multi-line.
 *
 * @param code   the three-digit reply code
 * @param lines  the text of each line, without the code and the separator ({@code '-'} or {@code ' '})
 */
public record SmtpReply(int code, List<String> lines) {

    private static final Pattern ENHANCED_STATUS = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3})(?:\\s|$)");

    /** Copies the lines; a reply has at least one line (possibly empty). */
    public SmtpReply {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("not a reply code: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    /** The lines' text joined by {@code "\n"}. */
    public String text() {
        return String.join("\n", lines);
    }

    /** The enhanced status code at the start of the first line (e.g. {@code "5.7.1"}), if there is one. */
    public Optional<String> enhancedStatus() {
        Matcher matcher = ENHANCED_STATUS.matcher(lines.get(0));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** True for 2xx (completion) and 3xx (intermediate) replies. */
    public boolean isPositive() {
        return code < 400;
    }

    /** True for 4xx replies. */
    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    /** True for 5xx replies. */
    public boolean isPermanentFailure() {
        return code >= 500;
    }

    /**
     * True if an EHLO reply lists {@code keyword} (case-insensitive), alone or with parameters (e.g.
     * {@code "SIZE"} matches {@code "SIZE 10240000"}). The first line, the server's name, is not a keyword.
     */
    public boolean hasKeyword(String keyword) {
        String wanted = keyword.toUpperCase(Locale.ROOT);
        return lines.stream().skip(1)
                .map(line -> line.strip().split("[ =]", 2)[0].toUpperCase(Locale.ROOT))
                .anyMatch(wanted::equals);
    }

    /** The code and the text, e.g. {@code "250 2.0.0 Ok"}; lines after the first follow on new lines. */
    @Override
    public String toString() {
        return code + " " + text();
    }
}
