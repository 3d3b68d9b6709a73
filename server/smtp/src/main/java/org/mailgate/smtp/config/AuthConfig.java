package org.mailgate.smtp.config;

import java.time.Duration;

/**
 * SMTP AUTH of one {@code <smtpserver>}: its {@code <auth>} block and {@code <verifyIdentity>}.
 *
 * @param announce              when EHLO lists {@code AUTH PLAIN LOGIN}
 * @param requireSSL            AUTH only over TLS (refused with 538 5.7.11 before it)
 * @param plainAuthEnabled      whether PLAIN and LOGIN are offered at all (they are the only mechanisms)
 * @param required              the submission role: MAIL needs AUTH first (530 5.7.0)
 * @param verifyIdentity        which MAIL FROM addresses an authenticated user may use
 * @param maxFailuresPerSession failed AUTH attempts after which the session is closed (421 4.7.0)
 * @param maxFailuresPerAddress failed AUTH attempts from one client address within {@code failureWindow}
 *                              after which its AUTH is refused (454 4.7.0) until the window has passed
 * @param failureWindow         how long failures from an address are counted
 */
public record AuthConfig(Announce announce, boolean requireSSL, boolean plainAuthEnabled, boolean required,
                         VerifyIdentity verifyIdentity, int maxFailuresPerSession, int maxFailuresPerAddress,
                         Duration failureWindow) {

    /** When EHLO announces AUTH (James's values). */
    public enum Announce {
        ALWAYS, NEVER,
        /** Only to clients outside {@code authorizedAddresses}, which relay without AUTH anyway. */
        FOR_UNAUTHORIZED_ADDRESSES
    }

    /** Which sender addresses an authenticated user may use in MAIL FROM. */
    public enum VerifyIdentity {
        /** Their own address, or an alias whose rewrite-table mappings resolve to it. */
        STRICT,
        /** Any address in a local domain. */
        RELAXED,
        /** Any address. */
        DISABLED
    }

    /** Without {@code <auth>}: the MX role, no AUTH at all (502 5.5.1); senders of AUTH sessions checked strictly. */
    public static AuthConfig defaults() {
        return new AuthConfig(Announce.NEVER, true, false, false, VerifyIdentity.STRICT, 3, 10,
                Duration.ofMinutes(15));
    }

    /**
     * What an {@code <auth>} block gives for the elements it leaves out: PLAIN and LOGIN over TLS only,
     * announced to clients outside {@code authorizedAddresses}, not required.
     */
    public static AuthConfig enabled() {
        return new AuthConfig(Announce.FOR_UNAUTHORIZED_ADDRESSES, true, true, false, VerifyIdentity.STRICT, 3, 10,
                Duration.ofMinutes(15));
    }

    public AuthConfig withAnnounce(Announce value) {
        return new AuthConfig(value, requireSSL, plainAuthEnabled, required, verifyIdentity, maxFailuresPerSession,
                maxFailuresPerAddress, failureWindow);
    }

    public AuthConfig withRequireSSL(boolean value) {
        return new AuthConfig(announce, value, plainAuthEnabled, required, verifyIdentity, maxFailuresPerSession,
                maxFailuresPerAddress, failureWindow);
    }

    public AuthConfig withRequired(boolean value) {
        return new AuthConfig(announce, requireSSL, plainAuthEnabled, value, verifyIdentity, maxFailuresPerSession,
                maxFailuresPerAddress, failureWindow);
    }

    public AuthConfig withVerifyIdentity(VerifyIdentity value) {
        return new AuthConfig(announce, requireSSL, plainAuthEnabled, required, value, maxFailuresPerSession,
                maxFailuresPerAddress, failureWindow);
    }

    public AuthConfig withFailureLimits(int perSession, int perAddress, Duration window) {
        return new AuthConfig(announce, requireSSL, plainAuthEnabled, required, verifyIdentity, perSession, perAddress,
                window);
    }
}
