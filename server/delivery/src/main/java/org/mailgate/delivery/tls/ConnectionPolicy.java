package org.mailgate.delivery.tls;

import java.util.Optional;
import org.mailgate.api.delivery.TlsLevel;
import org.mailgate.api.delivery.TlsSettings;
import org.mailgate.api.delivery.TrustStore;

/**
 * The TLS requirement for connections to one server on behalf of one destination, and where it comes
 * from, for the messages that explain a refusal (e.g. {@code tlsPolicy verify for bank.example}).
 *
 * <p>The rules: a destination listed in {@code tlsPolicy} gets its level ({@code none}: plain text;
 * {@code may}: opportunistic STARTTLS, any certificate; {@code encrypt}: STARTTLS required, any
 * certificate; {@code verify}: STARTTLS required, certificate chained to a trusted root and naming the
 * host). Other destinations get {@code may}, or {@code none} with {@code startTLS=false}. With
 * {@code sslEnable}, every connection starts with TLS instead; destinations not listed then get James's
 * checks: the chain unless {@code sslTrustAllCerts}, and the name too unless
 * {@code verifyServerIdentity=false}.
 */
public record ConnectionPolicy(TlsRequirement requirement, String origin) {

    /**
     * @param destination the recipient domain, or the gateway's host name with a gateway
     * @param host        the host the connection goes to (MX host or gateway), whose name a certificate
     *                    must hold when names are checked
     */
    public static ConnectionPolicy resolve(TlsSettings tls, String destination, String host) {
        TlsLevel level = tls.levelFor(destination);
        boolean listed = tls.isListed(destination);
        String origin = listed ? "tlsPolicy " + level.keyword() + " for " + destination
                : tls.sslEnable() ? "sslEnable" : "default TLS level " + level.keyword();
        Optional<TrustStore> trust = tls.trustStore();
        if (tls.sslEnable()) {
            CertificateCheck check;
            if (listed) {
                check = level == TlsLevel.VERIFY ? CertificateCheck.CHAIN_AND_NAME : CertificateCheck.NONE;
            } else {
                check = tls.trustAllCerts() ? CertificateCheck.NONE
                        : tls.verifyServerIdentity() ? CertificateCheck.CHAIN_AND_NAME : CertificateCheck.CHAIN;
            }
            return new ConnectionPolicy(requirement(TlsRequirement.Mode.IMPLICIT, check, host, trust), origin);
        }
        return new ConnectionPolicy(switch (level) {
            case NONE -> TlsRequirement.PLAIN;
            case MAY -> requirement(TlsRequirement.Mode.OPPORTUNISTIC, CertificateCheck.NONE, host, trust);
            case ENCRYPT -> requirement(TlsRequirement.Mode.STARTTLS_REQUIRED, CertificateCheck.NONE, host, trust);
            case VERIFY -> requirement(TlsRequirement.Mode.STARTTLS_REQUIRED, CertificateCheck.CHAIN_AND_NAME, host,
                    trust);
        }, origin);
    }

    private static TlsRequirement requirement(TlsRequirement.Mode mode, CertificateCheck check, String host,
                                              Optional<TrustStore> trust) {
        return new TlsRequirement(mode, check, check == CertificateCheck.CHAIN_AND_NAME ? host : "",
                check == CertificateCheck.NONE ? Optional.empty() : trust);
    }
}
