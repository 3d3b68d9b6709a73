package org.mailgate.smtp.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.mailgate.testkit.tls.ClientTls;

/**
 * A test certificate authority (EC P-256 keys, quick to make): issues server certificates (each with a new serial), writes them as PKCS12
 * key stores or PEM files, and makes client contexts that trust only this CA.
 */
public final class TestPki {

    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestPki(KeyPair caKeys, X509Certificate ca) {
        this.caKeys = caKeys;
        this.ca = ca;
    }

    public static TestPki create() throws GeneralSecurityException {
        KeyPair keys = CertificateIssuer.ecKeyPair();
        X509Certificate ca = CertificateIssuer.issue("Mailgate Test CA", keys.getPublic(), true,
                CertificateIssuer.name("Mailgate Test CA"), keys.getPrivate(), Duration.ofDays(30));
        return new TestPki(keys, ca);
    }

    /** A server key and certificate for {@code hostName}, signed by this CA; the chain is server, CA. */
    public KeyMaterial issue(String hostName) throws GeneralSecurityException {
        KeyPair keys = CertificateIssuer.ecKeyPair();
        X509Certificate certificate = CertificateIssuer.issue(hostName, keys.getPublic(), false,
                CertificateIssuer.name("Mailgate Test CA"), caKeys.getPrivate(), Duration.ofDays(30));
        return new KeyMaterial(keys.getPrivate(), java.util.List.of(certificate, ca));
    }

    /** Writes {@code material} as a key store of {@code type}; replaces {@code file} atomically. */
    public static Path writeKeyStore(KeyMaterial material, Path file, String type, String secret)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setKeyEntry("mx", material.key(), secret.toCharArray(), material.chain().toArray(new Certificate[0]));
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            store.store(out, secret.toCharArray());
        }
        return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes the key (PKCS8, unencrypted) to {@code keyFile} and the chain to {@code chainFile}, as PEM. */
    public static void writePem(KeyMaterial material, Path keyFile, Path chainFile)
            throws GeneralSecurityException, IOException {
        Files.writeString(keyFile, Pem.encode("PRIVATE KEY", material.key().getEncoded()), StandardCharsets.US_ASCII);
        StringBuilder chain = new StringBuilder();
        for (X509Certificate certificate : material.chain()) {
            chain.append(Pem.encode("CERTIFICATE", certificate.getEncoded()));
        }
        Files.writeString(chainFile, chain, StandardCharsets.US_ASCII);
    }

    /** A client context that trusts this CA only. */
    public SSLContext clientContext() {
        return ClientTls.trusting(ca);
    }

    public static BigInteger serial(KeyMaterial material) {
        return material.certificate().getSerialNumber();
    }
}
