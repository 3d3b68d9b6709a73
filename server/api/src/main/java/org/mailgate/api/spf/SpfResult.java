package org.mailgate.api.spf;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The outcome of an SPF check, with what a {@code Received-SPF} header (RFC 7208 9.1) needs.
 *
 * @param result      the result
 * @param explanation why: for {@code fail}, the domain's explanation ({@code exp=}) or a default text;
 *                    otherwise a short comment
 * @param query       what was asked
 */
public record SpfResult(Result result, String explanation, SpfQuery query) {

    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    /** The results of RFC 7208 2.6, named by their keyword. */
    public enum Result {
        NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

        /** {@code pass}, {@code softfail}...: the keyword of RFC 7208 and of the header. */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The result for a keyword; empty text or an unknown word gives an exception. */
        public static Result ofKeyword(String keyword) {
            return valueOf(keyword.trim().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * The value of a {@code Received-SPF} header field (RFC 7208 9.1), e.g.
     * {@code pass (mx.example.com: domain of a@example.org designates 192.0.2.1 as permitted sender)
     * client-ip=192.0.2.1; envelope-from="a@example.org"; helo=mail.example.org;}.
     *
     * @param reporter the host name of the server that made the check
     */
    public String receivedSpf(String reporter) {
        String comment = (reporter + ": " + comment()).replace('(', '[').replace(')', ']').replace("\\", "\\\\");
        return result.keyword() + " (" + comment + ") client-ip=" + query.clientText()
                + "; envelope-from=" + quoted(query.identity()) + "; helo=" + value(query.helo()) + ";";
    }

    /** A dot-atom as it is, anything else as a quoted-string (RFC 7208 9.1, RFC 5322 3.2.4). */
    private static String value(String text) {
        return DOT_ATOM.matcher(text).matches() ? text : quoted(text);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private String comment() {
        String ip = query.clientText();
        String identity = query.identity();
        return switch (result) {
            case PASS -> "domain of " + identity + " designates " + ip + " as permitted sender";
            case FAIL -> "domain of " + identity + " does not designate " + ip + " as permitted sender";
            case SOFTFAIL -> "domain of transitioning " + identity + " does not designate " + ip
                    + " as permitted sender";
            case NEUTRAL -> ip + " is neither permitted nor denied by domain of " + identity;
            case NONE -> "domain of " + identity + " does not designate permitted sender hosts";
            case TEMPERROR, PERMERROR -> "error in processing during lookup of " + identity + ": " + explanation;
        };
    }
}
