package org.mailgate.smtp.hook;

import java.util.regex.Pattern;
import org.mailgate.api.net.IpLiteral;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.SmtpSession;

/**
 * The HELO/EHLO name must be a fully qualified domain name or an address literal ({@code [192.0.2.1]},
 * {@code [IPv6:2001:db8::1]}, RFC 5321 4.1.3). Refused at HELO itself with 501: it is a syntax error of
 * that command, and the client may greet again. Bare addresses ({@code 192.0.2.1}) and single labels are
 * refused; trusted clients are not checked.
 */
final class HeloSyntaxCheck implements HeloHook {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

    @Override
    public HookResult onHelo(SmtpSession session, String name) {
        if (ClientTrust.isTrusted(session) || isValid(name)) {
            return HookResult.DECLINED;
        }
        return HookResult.reject(Replies.HELO_INVALID);
    }

    static boolean isValid(String name) {
        if (name.startsWith("[") && name.endsWith("]")) {
            String inside = name.substring(1, name.length() - 1);
            if (inside.regionMatches(true, 0, "IPv6:", 0, 5)) {
                return inside.indexOf(':', 5) > 0 && IpLiteral.parse(inside.substring(5)).isPresent();
            }
            return inside.matches("[0-9.]+") && IpLiteral.parse(inside).isPresent();
        }
        String domain = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (domain.length() > 253) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
