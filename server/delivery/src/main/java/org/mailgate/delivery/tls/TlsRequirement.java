package org.mailgate.delivery.tls;

import java.util.Objects;
import java.util.Optional;
import org.mailgate.api.delivery.TrustStore;

/**
 * What a connection to one server must provide: plain text, opportunistic or required STARTTLS, or TLS
 * from the start; and, when TLS is used, how the certificate is checked. Two connections opened for equal
 * requirements are interchangeable, so the requirement is part of the key under which a connection is
 * kept for reuse: a plain connection is never handed to a delivery that needs TLS.
 *
 * @param mode         when TLS is used
 * @param check        what is checked of the certificate
 * @param expectedName the host name the certificate must hold when {@code check} is
 *                     {@link CertificateCheck#CHAIN_AND_NAME}; empty otherwise
 * @param trustStore   the trusted roots when the chain is checked; empty for the JDK's (or when not checked)
 */
public record TlsRequirement(Mode mode, CertificateCheck check, String expectedName, Optional<TrustStore> trustStore) {

    /** When TLS is used on a connection. */
    public enum Mode {
        /** Never. */
        PLAIN,
        /** STARTTLS when the server offers it; plain text otherwise, or when the handshake fails. */
        OPPORTUNISTIC,
        /** STARTTLS, or no delivery. */
        STARTTLS_REQUIRED,
        /** TLS from the start, before the greeting (implicit TLS, {@code sslEnable}). */
        IMPLICIT
    }

    public TlsRequirement {
        Objects.requireNonNull(mode);
        Objects.requireNonNull(check);
        Objects.requireNonNull(expectedName);
        Objects.requireNonNull(trustStore);
        if ((check == CertificateCheck.CHAIN_AND_NAME) == expectedName.isEmpty()) {
            throw new IllegalArgumentException("a name is expected exactly when it is checked");
        }
        if (check == CertificateCheck.NONE && trustStore.isPresent()) {
            throw new IllegalArgumentException("a trust store without a chain check");
        }
    }

    public static final TlsRequirement PLAIN = new TlsRequirement(Mode.PLAIN, CertificateCheck.NONE, "", Optional.empty());

    /** True if the connection must not carry mail without TLS. */
    public boolean tlsRequired() {
        return mode == Mode.STARTTLS_REQUIRED || mode == Mode.IMPLICIT;
    }
}
