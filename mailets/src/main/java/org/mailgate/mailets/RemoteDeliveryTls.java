package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.mailet.MailetContext;
import org.mailgate.api.delivery.TlsPolicyTable;
import org.mailgate.api.delivery.TlsSettings;
import org.mailgate.api.delivery.TrustStore;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Reads the outbound TLS parameters of {@link RemoteDelivery} into {@link TlsSettings}, refusing bad values
 * with a message naming the parameter (and, for {@code tlsPolicy}, the entry).
 *
 * <p>James's parameters: {@code startTLS} (Mailgate's default is {@code true}: STARTTLS whenever the
 * server offers it; James's is {@code false}), {@code sslEnable} (default {@code false}),
 * {@code verifyServerIdentity} (default {@code true}), {@code sslTrustAllCerts} (default {@code false}).
 * Mailgate's: {@code tlsPolicy} (see {@link TlsPolicyTable}), {@code trustStore} (absolute path of a PKCS12
 * or JKS file) with {@code trustStorePassword}, read at once so that a bad store stops the start.
 */
final class RemoteDeliveryTls {

    private RemoteDeliveryTls() {
    }

    /**
     * @param context where a warning goes when {@code verifyServerIdentity} or {@code sslTrustAllCerts} is
     *                set without {@code sslEnable}, where they have no effect
     */
    static TlsSettings read(MailetParameters p, MailetContext context) throws MessagingException {
        boolean startTls = p.bool("startTLS", true);
        boolean sslEnable = p.bool("sslEnable", false);
        boolean verifyServerIdentity = p.bool("verifyServerIdentity", true);
        boolean trustAll = p.bool("sslTrustAllCerts", false);
        if (!sslEnable && (p.get("verifyServerIdentity").isPresent() || p.get("sslTrustAllCerts").isPresent())) {
            context.log(MailetContext.LogLevel.WARN, "RemoteDelivery: verifyServerIdentity and sslTrustAllCerts "
                    + "apply to sslEnable connections only; with STARTTLS the certificate is not checked (levels "
                    + "may and encrypt) unless tlsPolicy lists the destination as verify");
        }
        TlsPolicyTable policies;
        try {
            policies = TlsPolicyTable.parse(p.get("tlsPolicy").orElse(""));
        } catch (IllegalArgumentException e) {
            throw new MessagingException("parameter tlsPolicy: " + e.getMessage());
        }
        Optional<String> path = p.get("trustStore").filter(s -> !s.isEmpty());
        Optional<String> password = p.get("trustStorePassword");
        if (path.isPresent() != password.isPresent()) {
            throw new MessagingException(path.isPresent() ? "parameter trustStore needs trustStorePassword"
                    : "parameter trustStorePassword is set but trustStore is not");
        }
        Optional<TrustStore> trustStore = Optional.empty();
        if (path.isPresent()) {
            try {
                TrustStore store = new TrustStore(Path.of(path.get()), password.get());
                store.load();
                trustStore = Optional.of(store);
            } catch (IllegalArgumentException e) {
                throw new MessagingException("parameter trustStore: " + e.getMessage());
            }
        }
        try {
            return new TlsSettings(startTls, sslEnable, verifyServerIdentity, trustAll, policies, trustStore);
        } catch (IllegalArgumentException e) {
            throw new MessagingException("parameter " + e.getMessage());
        }
    }
}
