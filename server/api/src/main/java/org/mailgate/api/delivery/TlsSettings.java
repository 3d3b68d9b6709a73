package org.mailgate.api.delivery;

import java.util.Objects;
import java.util.Optional;

/**
 * Outbound TLS of one outgoing queue, as its RemoteDelivery mailet was configured.
 *
 * @param startTls             {@code startTLS}: whether destinations not listed in {@code policies} use
 *                             STARTTLS when the server offers it (level {@link TlsLevel#MAY}) or never
 *                             ({@link TlsLevel#NONE})
 * @param sslEnable            {@code sslEnable}: every connection starts with TLS (implicit TLS, as on port
 *                             465), no STARTTLS
 * @param verifyServerIdentity {@code verifyServerIdentity}: on {@code sslEnable} connections to destinations
 *                             not listed, whether the certificate must name the host
 * @param trustAllCerts        {@code sslTrustAllCerts}: on {@code sslEnable} connections to destinations not
 *                             listed, accept any certificate
 * @param policies             {@code tlsPolicy}: the level of particular destinations
 * @param trustStore           {@code trustStore} / {@code trustStorePassword}: the roots that verified
 *                             certificates must chain to; empty for the JDK's
 */
public record TlsSettings(boolean startTls, boolean sslEnable, boolean verifyServerIdentity, boolean trustAllCerts,
                          TlsPolicyTable policies, Optional<TrustStore> trustStore) {

    /**
     * What applies when nothing is configured: opportunistic STARTTLS, and James's certificate checks
     * (chain and name) where certificates are checked.
     */
    public static final TlsSettings DEFAULTS =
            new TlsSettings(true, false, true, false, TlsPolicyTable.EMPTY, Optional.empty());

    /**
     * @throws IllegalArgumentException if a policy entry cannot be met: {@code none} with {@code sslEnable}
     */
    public TlsSettings {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(trustStore, "trustStore");
        if (sslEnable) {
            for (TlsPolicyTable.Entry entry : policies.entries()) {
                if (entry.level() == TlsLevel.NONE) {
                    throw new IllegalArgumentException("tlsPolicy entry '" + entry + "' cannot be met with "
                            + "sslEnable=true: every connection starts with TLS");
                }
            }
        }
    }

    /** The level for {@code destination}: its {@code tlsPolicy} entry, else {@code may} or {@code none}. */
    public TlsLevel levelFor(String destination) {
        return policies.levelFor(destination).orElse(startTls ? TlsLevel.MAY : TlsLevel.NONE);
    }

    /** True if {@code destination} has an entry of its own in {@code tlsPolicy}. */
    public boolean isListed(String destination) {
        return policies.levelFor(destination).isPresent();
    }
}
