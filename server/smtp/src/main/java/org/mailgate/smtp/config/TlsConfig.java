package org.mailgate.smtp.config;

import java.util.List;
import java.util.Optional;

/**
 * The {@code <tls>} of one {@code <smtpserver>}.
 *
 * @param socketTls    implicit TLS (RFC 8314): the handshake comes before the greeting (port 465)
 * @param startTls     STARTTLS (RFC 3207) is offered on the plain connection
 * @param keys         the configured key and certificates; empty: a self-signed certificate is generated
 *                     once into the state directory
 * @param protocols    the TLS versions spoken, a subset of {@link #PROTOCOLS}
 * @param cipherSuites the suites offered, a subset of {@link #MODERN_CIPHER_SUITES}, in preference order
 */
public record TlsConfig(boolean socketTls, boolean startTls, Optional<KeySource> keys, List<String> protocols,
                        List<String> cipherSuites) {

    /** TLS 1.2 and 1.3; anything older is refused. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** Forward secret AEAD suites only: the TLS 1.3 suites, then ECDHE with AES-GCM or ChaCha20-Poly1305. */
    public static final List<String> MODERN_CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

    public TlsConfig {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** No TLS at all. */
    public static TlsConfig disabled() {
        return new TlsConfig(false, false, Optional.empty(), PROTOCOLS, MODERN_CIPHER_SUITES);
    }

    /** STARTTLS with these keys (empty: a generated self-signed certificate). */
    public static TlsConfig startTls(Optional<KeySource> keys) {
        return new TlsConfig(false, true, keys, PROTOCOLS, MODERN_CIPHER_SUITES);
    }

    /** Implicit TLS with these keys (empty: a generated self-signed certificate). */
    public static TlsConfig implicit(Optional<KeySource> keys) {
        return new TlsConfig(true, false, keys, PROTOCOLS, MODERN_CIPHER_SUITES);
    }

    public boolean enabled() {
        return socketTls || startTls;
    }
}
