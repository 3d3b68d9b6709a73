package org.mailgate.testkit.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The testkit's self-signed server certificate and its key ({@code mx-remote-example.p12} beside this
 * class's package in the resources; its README says how it was made): subject {@code CN=mx.remote.example},
 * DNS names {@code mx.remote.example} and {@code *.tls.example}, valid for 100 years. For sinks that speak
 * TLS ({@link #serverContext()}) and for clients that must trust it ({@link #writeTrustStore}).
 *
 * <pre>{@code
 * TestCertificate certificate = TestCertificate.load();
 * RecordingSmtpSink sink = RecordingSmtpSink.start(SinkOptions.builder()
 *         .tls(SinkTls.startTls(certificate.serverContext())).build());
 * }</pre>
 */
public final class TestCertificate {

    /** The resource holding the certificate and its key. */
    public static final String RESOURCE = "/org/mailgate/testkit/tls/mx-remote-example.p12";
    /** The password of the key store and of the key. */
    public static final String PASSWORD = "mailgate-test";
    /** The DNS names the certificate holds. */
    public static final List<String> NAMES = List.of("mx.remote.example", "*.tls.example");
    private static final String ALIAS = "mx";

    private final KeyStore keyStore;

    private TestCertificate(KeyStore keyStore) {
        this.keyStore = keyStore;
    }

    /**
     * Reads the key store from the class path.
     *
     * @throws IllegalStateException if the resource is missing or unreadable
     */
    public static TestCertificate load() {
        try (InputStream in = TestCertificate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return new TestCertificate(store);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** The certificate. */
    public X509Certificate certificate() {
        try {
            return (X509Certificate) keyStore.getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context that presents this certificate, for a server. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context of " + RESOURCE, e);
        }
    }

    /** A TLS context that trusts this certificate only, for a client. */
    public SSLContext clientContext() {
        return ClientTls.trusting(certificate());
    }

    /**
     * Writes a PKCS12 trust store holding this certificate as a trusted entry (no key) to {@code file}.
     *
     * @return {@code file}
     */
    public Path writeTrustStore(Path file, String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(ALIAS, certificate());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write a trust store", e);
        }
    }
}
