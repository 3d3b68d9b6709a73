package org.mailgate.smtp.command;

import org.mailgate.smtp.session.Reply;

import jakarta.mail.internet.AddressException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.james.core.MailAddress;

/**
 * The argument of MAIL FROM / RCPT TO: a path in angle brackets and ESMTP parameters. A source route
 * ({@code <@a,@b:user@c>}) is accepted and ignored, as RFC 5321 4.1.1.3 asks; the mail goes to
 * {@code user@c} and relay rules apply to that address.
 *
 * @param address    empty for the null reverse-path {@code <>} and for {@code <postmaster>}
 * @param postmaster true for {@code <postmaster>} without a domain (RFC 5321 4.5.1)
 * @param parameters upper-case keywords to values ("" for a keyword without value)
 */
record Path(Optional<MailAddress> address, boolean postmaster, Map<String, String> parameters) {

    /** Why an argument could not be parsed, as a reply. */
    static final class PathException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Reply reply;

        PathException(Reply reply) {
            super(reply.toString());
            this.reply = reply;
        }

        Reply reply() {
            return reply;
        }
    }

    /**
     * Parses {@code "FROM:<a@b> SIZE=10"} style arguments.
     *
     * @param keyword           {@code FROM} or {@code TO}
     * @param addressStatus     enhanced status for a bad address (5.1.7 sender, 5.1.3 recipient)
     */
    static Path parse(String argument, String keyword, String addressStatus) throws PathException {
        String prefix = keyword + ":";
        if (argument.length() < prefix.length()
                || !argument.substring(0, prefix.length()).equalsIgnoreCase(prefix)) {
            throw new PathException(Reply.of(501, "5.5.4", "Syntax: " + (keyword.equals("FROM")
                    ? "MAIL FROM:<address>" : "RCPT TO:<address>")));
        }
        String rest = argument.substring(prefix.length()).stripLeading();
        if (!rest.startsWith("<")) {
            throw new PathException(Reply.of(501, addressStatus, "Address must be enclosed in <>"));
        }
        int close = closingBracket(rest);
        if (close < 0) {
            throw new PathException(Reply.of(501, addressStatus, "Missing > after the address"));
        }
        String inner = rest.substring(1, close);
        Map<String, String> parameters = parameters(rest.substring(close + 1));
        if (inner.isEmpty()) {
            return new Path(Optional.empty(), false, parameters);
        }
        if (keyword.equals("TO") && inner.equalsIgnoreCase("postmaster")) {
            return new Path(Optional.empty(), true, parameters);
        }
        return new Path(Optional.of(address(withoutSourceRoute(inner), addressStatus)), false, parameters);
    }

    /** The {@code >} that ends the path, skipping quoted local parts. */
    private static int closingBracket(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String withoutSourceRoute(String inner) {
        if (inner.startsWith("@")) {
            int colon = inner.indexOf(':');
            return colon < 0 ? inner : inner.substring(colon + 1);
        }
        return inner;
    }

    private static MailAddress address(String text, String status) throws PathException {
        if (text.length() > 320) {
            throw new PathException(Reply.of(501, status, "Address too long"));
        }
        int at = text.lastIndexOf('@');
        if (at < 0) {
            throw new PathException(Reply.of(501, status, "Address must have a domain: " + text));
        }
        if (at > 64) {
            throw new PathException(Reply.of(501, status, "Local part longer than 64 characters"));
        }
        try {
            return new MailAddress(text);
        } catch (AddressException | IllegalArgumentException e) {
            throw new PathException(Reply.of(501, status, "Bad address syntax: " + text));
        }
    }

    private static Map<String, String> parameters(String text) throws PathException {
        Map<String, String> parameters = new LinkedHashMap<>();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return parameters;
        }
        if (!text.startsWith(" ")) {
            throw new PathException(Reply.of(501, "5.5.4", "Parameters must follow the address after a space"));
        }
        for (String parameter : trimmed.split(" +")) {
            int equals = parameter.indexOf('=');
            String key = (equals < 0 ? parameter : parameter.substring(0, equals)).toUpperCase(Locale.ROOT);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            if (key.isEmpty() || !key.matches("[A-Z0-9][A-Z0-9-]*")) {
                throw new PathException(Reply.of(501, "5.5.4", "Bad parameter: " + parameter));
            }
            if (parameters.put(key, value) != null) {
                throw new PathException(Reply.of(501, "5.5.4", "Parameter " + key + " given twice"));
            }
        }
        return parameters;
    }
}
