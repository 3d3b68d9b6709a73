package org.mailgate.testkit.smtp;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Whether and how a {@link RecordingSmtpSink} speaks TLS.
 *
 * @param mode    plain, STARTTLS, TLS from the start, or STARTTLS with a handshake that always fails
 * @param context the server's certificate and key; {@code null} only for {@link Mode#NONE} and
 *                {@link Mode#BROKEN_STARTTLS}
 */
public record SinkTls(Mode mode, SSLContext context) {

    /** How the sink speaks TLS. */
    public enum Mode {
        /** Never: STARTTLS is not offered (and refused with 454 if a test lists it among the EHLO keywords). */
        NONE,
        /** STARTTLS is offered in plain EHLO replies (not after TLS) and accepted. */
        STARTTLS,
        /** Every connection starts with a TLS handshake, as on port 465. */
        IMPLICIT,
        /** STARTTLS is offered and answered 220, then the sink sends garbage instead of TLS and hangs up. */
        BROKEN_STARTTLS
    }

    public SinkTls {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.STARTTLS || mode == Mode.IMPLICIT) && context == null) {
            throw new IllegalArgumentException(mode + " needs a TLS context");
        }
    }

    /** Plain text only: the default. */
    public static SinkTls none() {
        return new SinkTls(Mode.NONE, null);
    }

    /** Offers STARTTLS with the certificate of {@code context}. */
    public static SinkTls startTls(SSLContext context) {
        return new SinkTls(Mode.STARTTLS, context);
    }

    /** Speaks TLS from the first byte with the certificate of {@code context}. */
    public static SinkTls implicit(SSLContext context) {
        return new SinkTls(Mode.IMPLICIT, context);
    }

    /** Offers STARTTLS, but every handshake fails. */
    public static SinkTls brokenStartTls() {
        return new SinkTls(Mode.BROKEN_STARTTLS, null);
    }

    /** True if plain EHLO replies list STARTTLS. */
    boolean offersStartTls() {
        return mode == Mode.STARTTLS || mode == Mode.BROKEN_STARTTLS;
    }
}
