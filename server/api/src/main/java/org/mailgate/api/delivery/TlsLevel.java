package org.mailgate.api.delivery;

import java.util.Locale;

/**
 * How much TLS delivery to one destination demands, with Postfix's names.
 *
 * <ul>
 * <li>{@link #NONE}: never STARTTLS, even when the server offers it;</li>
 * <li>{@link #MAY}: opportunistic: STARTTLS when offered, any certificate accepted; plain text when it
 *     is not offered or the handshake fails;</li>
 * <li>{@link #ENCRYPT}: TLS is required, any certificate accepted;</li>
 * <li>{@link #VERIFY}: TLS is required, and the certificate must chain to a trusted root and name the
 *     host (the MX host, or the gateway).</li>
 * </ul>
 */
public enum TlsLevel {
    NONE, MAY, ENCRYPT, VERIFY;

    /** The level's name as written in configuration, e.g. {@code verify}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True if delivery must not happen without TLS. */
    public boolean requiresTls() {
        return this == ENCRYPT || this == VERIFY;
    }

    /**
     * Parses {@code none}, {@code may}, {@code encrypt} or {@code verify} (any case).
     *
     * @throws IllegalArgumentException naming the text and the allowed levels
     */
    public static TlsLevel parse(String text) {
        for (TlsLevel level : values()) {
            if (level.keyword().equalsIgnoreCase(text.trim())) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown TLS level '" + text.trim() + "'; allowed: none, may, encrypt, verify");
    }
}
