package org.mailgate.smtp.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.ElementRules;
import org.mailgate.api.config.Values;
import org.mailgate.api.config.XmlElement;

/** Reads {@code <auth>} and {@code <verifyIdentity>} of one {@code <smtpserver>} into an {@link AuthConfig}. */
final class AuthSection {

    static final Set<String> CHILDREN = Set.of("announce", "requireSSL", "plainAuthEnabled", "required",
            "maxFailuresPerSession", "maxFailuresPerAddress", "failureWindow");
    private static final ElementRules AUTH = ElementRules.of(CHILDREN, Set.of());
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd]?)");

    private AuthSection() {
    }

    static AuthConfig parse(XmlElement server, ConfigReport report) {
        AuthConfig.VerifyIdentity verify = server.child("verifyIdentity").map(v -> verifyIdentity(v, report))
                .orElse(AuthConfig.defaults().verifyIdentity());
        if (server.child("auth").isEmpty()) {
            return AuthConfig.defaults().withVerifyIdentity(verify);
        }
        AuthConfig c = AuthConfig.enabled();
        XmlElement auth = server.child("auth").orElseThrow();
        AUTH.check(auth, report);
        AuthConfig.Announce announce = auth.child("announce").map(a -> announce(a, report)).orElse(c.announce());
        boolean requireSSL = auth.child("requireSSL").map(e -> Values.booleanValue(e, true, report))
                .orElse(c.requireSSL());
        boolean plain = auth.child("plainAuthEnabled").map(e -> Values.booleanValue(e, true, report))
                .orElse(c.plainAuthEnabled());
        boolean required = auth.child("required").map(e -> Values.booleanValue(e, false, report)).orElse(c.required());
        int perSession = auth.child("maxFailuresPerSession")
                .map(e -> Values.intValue(e, 1, 1000, c.maxFailuresPerSession(), report)).orElse(c.maxFailuresPerSession());
        int perAddress = auth.child("maxFailuresPerAddress")
                .map(e -> Values.intValue(e, 1, 1_000_000, c.maxFailuresPerAddress(), report))
                .orElse(c.maxFailuresPerAddress());
        Duration window = auth.child("failureWindow").map(e -> duration(e, c.failureWindow(), report))
                .orElse(c.failureWindow());
        if (required && !plain) {
            auth.child("plainAuthEnabled").ifPresent(e -> report.error(e, "<required>true</required> needs "
                    + "<plainAuthEnabled>true</plainAuthEnabled>: PLAIN and LOGIN are the only mechanisms, so no "
                    + "client could ever send mail"));
        }
        return new AuthConfig(announce, requireSSL, plain, required, verify, perSession, perAddress, window);
    }

    private static AuthConfig.Announce announce(XmlElement e, ConfigReport report) {
        return switch (e.text().trim().toLowerCase(Locale.ROOT)) {
            case "always" -> AuthConfig.Announce.ALWAYS;
            case "never" -> AuthConfig.Announce.NEVER;
            case "forunauthorizedaddresses" -> AuthConfig.Announce.FOR_UNAUTHORIZED_ADDRESSES;
            default -> {
                report.error(e, "<announce> must be always, never or forUnauthorizedAddresses, not '" + e.text() + "'");
                yield AuthConfig.Announce.NEVER;
            }
        };
    }

    /** strict, relaxed or disabled; James's true and false mean strict and disabled. */
    private static AuthConfig.VerifyIdentity verifyIdentity(XmlElement e, ConfigReport report) {
        return switch (e.text().trim().toLowerCase(Locale.ROOT)) {
            case "strict", "true" -> AuthConfig.VerifyIdentity.STRICT;
            case "relaxed" -> AuthConfig.VerifyIdentity.RELAXED;
            case "disabled", "false" -> AuthConfig.VerifyIdentity.DISABLED;
            default -> {
                report.error(e, "<verifyIdentity> must be strict, relaxed or disabled (or James's true or false), "
                        + "not '" + e.text() + "'");
                yield AuthConfig.VerifyIdentity.STRICT;
            }
        };
    }

    /** Seconds, or a number with s, m, h or d. */
    private static Duration duration(XmlElement e, Duration defaultValue, ConfigReport report) {
        Matcher m = DURATION.matcher(e.text().trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            report.error(e, "<" + e.name() + "> must be a positive duration such as 900, 15m or 1h, not '"
                    + e.text() + "'");
            return defaultValue;
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
