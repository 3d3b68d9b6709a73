package org.mailgate.smtp.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.mailgate.smtp.config.KeySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-signed certificates Mailgate makes when TLS is on and no key is configured: generated once per
 * host name into the state directory ({@code var/tls/NAME.key} and {@code NAME.crt}, PEM) and reused on
 * every later start, so that TLS works out of the box and the certificate stays stable for clients that pin it.
 */
public final class GeneratedCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratedCertificates.class);
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final Optional<Path> directory;
    private final ReentrantLock lock = new ReentrantLock();

    /** @param directory where the certificates are kept, e.g. {@code var/tls} */
    public GeneratedCertificates(Path directory) {
        this.directory = Optional.of(directory);
    }

    private GeneratedCertificates() {
        this.directory = Optional.empty();
    }

    /** For embedding without a state directory: TLS then needs configured keys. */
    public static GeneratedCertificates unavailable() {
        return new GeneratedCertificates();
    }

    /** The PEM files of the certificate for {@code hostName}, generated first if they are not there yet. */
    public KeySource.PemFiles forHost(String hostName) throws IOException, GeneralSecurityException {
        Path dir = directory.orElseThrow(() -> new IOException("no state directory to keep a generated certificate "
                + "in: configure <keystore> or <privateKey> and <certificates>"));
        String base = hostName.replaceAll("[^A-Za-z0-9.-]", "_");
        Path key = dir.resolve(base + ".key");
        Path certificate = dir.resolve(base + ".crt");
        KeySource.PemFiles files = new KeySource.PemFiles(key, certificate, Optional.empty(),
                "generated for " + hostName);
        lock.lock();
        try {
            if (Files.isRegularFile(key) && Files.isRegularFile(certificate)) {
                return files;
            }
            Files.createDirectories(dir);
            KeyPair keys = CertificateIssuer.rsaKeyPair();
            X509Certificate generated = CertificateIssuer.selfSigned(hostName, keys, VALIDITY);
            write(key, Pem.encode("PRIVATE KEY", keys.getPrivate().getEncoded()), true);
            write(certificate, Pem.encode("CERTIFICATE", generated.getEncoded()), false);
            LOG.info("generated a self-signed TLS certificate for {} in {} (SHA-256 {}); senders encrypt with it, "
                    + "but clients that verify certificates will not trust it: configure <keystore> or "
                    + "<privateKey> and <certificates> in smtpserver.xml for that", hostName, certificate,
                    new KeyMaterial(keys.getPrivate(), java.util.List.of(generated)).fingerprint());
            return files;
        } finally {
            lock.unlock();
        }
    }

    /** Writes beside the target, then moves into place, so no reader sees half a file. */
    private static void write(Path target, String content, boolean secret) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
