package org.mailgate.delivery.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.mailgate.api.delivery.TrustStore;
import org.mailgate.api.net.IpLiteral;

/**
 * The client side of TLS handshakes with remote SMTP servers, over an open socket (after STARTTLS, or
 * right after connecting for implicit TLS). The JDK's default protocols and cipher suites are used; the
 * certificate is checked as the {@link TlsRequirement} says: chains against the configured trust store
 * (or the JDK's), names by {@link HostnameMatcher} once the handshake is done, so that a failure says
 * exactly what was wrong. SSL contexts are made once per trust store and kept.
 */
public final class TlsClient {

    private final SSLContext trustingAll;
    private final Map<Optional<TrustStore>, SSLContext> verifying = new ConcurrentHashMap<>();

    public TlsClient() {
        trustingAll = context(new TrustManager[] {new AcceptAnyCertificate()});
    }

    /** A socket speaking TLS over {@code plain}, and what the handshake gave. */
    public record Secured(SSLSocket socket, TlsSession session) {
    }

    /**
     * Runs the handshake over {@code plain} (closed with the returned socket).
     *
     * @param host the server's host name: sent as SNI and, when names are checked, the name expected
     * @throws TlsException if the handshake fails or the certificate does not pass the checks; the
     *                      socket is then unusable and should be closed
     */
    public Secured handshake(Socket plain, String host, TlsRequirement requirement) throws TlsException {
        SSLContext context = requirement.check() == CertificateCheck.NONE ? trustingAll
                : verifyingContext(requirement.trustStore());
        SSLSocket socket;
        try {
            socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        } catch (IOException e) {
            throw new TlsException(TlsException.Kind.HANDSHAKE, message(e), e);
        }
        socket.setUseClientMode(true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null);
        serverName(host).ifPresent(name -> parameters.setServerNames(List.of(name)));
        socket.setSSLParameters(parameters);
        try {
            socket.startHandshake();
        } catch (IOException e) {
            Optional<CertificateException> untrusted = certificateProblem(e);
            if (untrusted.isPresent()) {
                throw new TlsException(TlsException.Kind.UNTRUSTED, message(untrusted.get()), e);
            }
            throw new TlsException(TlsException.Kind.HANDSHAKE, message(e), e);
        }
        SSLSession session = socket.getSession();
        String verifiedName = "";
        if (requirement.check() == CertificateCheck.CHAIN_AND_NAME) {
            List<String> names = peerNames(session);
            if (!HostnameMatcher.matches(requirement.expectedName(), names)) {
                throw new TlsException(TlsException.Kind.NAME_MISMATCH, "the certificate names "
                        + (names.isEmpty() ? "no host" : names) + ", not " + requirement.expectedName(), null);
            }
            verifiedName = requirement.expectedName();
        }
        return new Secured(socket, new TlsSession(session.getProtocol(), session.getCipherSuite(),
                requirement.check(), verifiedName));
    }

    private static List<String> peerNames(SSLSession session) throws TlsException {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate certificate) {
                return HostnameMatcher.names(certificate);
            }
            return List.of();
        } catch (IOException e) {
            throw new TlsException(TlsException.Kind.UNTRUSTED, "no certificate: " + message(e), e);
        }
    }

    private SSLContext verifyingContext(Optional<TrustStore> store) throws TlsException {
        SSLContext known = verifying.get(store);
        if (known != null) {
            return known;
        }
        KeyStore roots;
        try {
            roots = store.map(TrustStore::load).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new TlsException(TlsException.Kind.TRUST_STORE, "trust store " + e.getMessage(), e);
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(roots);
            SSLContext context = context(factory.getTrustManagers());
            SSLContext raced = verifying.putIfAbsent(store, context);
            return raced == null ? context : raced;
        } catch (GeneralSecurityException e) {
            throw new TlsException(TlsException.Kind.TRUST_STORE, "trust store unusable: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(TrustManager[] trustManagers) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS", e);
        }
    }

    private static Optional<SNIHostName> serverName(String host) {
        if (IpLiteral.parse(host).isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SNIHostName(host.endsWith(".") ? host.substring(0, host.length() - 1) : host));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<CertificateException> certificateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException c) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The innermost useful message: JSSE wraps the reason in several layers. */
    private static String message(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** For opportunistic TLS and {@code encrypt}: any certificate, as Postfix's {@code may} and {@code encrypt}. */
    private static final class AcceptAnyCertificate extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // any certificate: the level asks for encryption, not authentication
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // any certificate
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // any certificate
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
