package org.mailgate.smtp.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a listener's TLS key and certificate chain come from: a key store file or a pair of PEM files.
 * {@code origin} is the place in the configuration that named them ({@code smtpserver.xml:14}), for logs.
 */
public sealed interface KeySource {

    /** The files to watch for changes. */
    List<Path> files();

    String origin();

    /** A PKCS12 or JKS key store; {@code secret} opens the store and its key. */
    record KeyStoreFile(Path file, String type, String secret, String origin) implements KeySource {
        @Override
        public List<Path> files() {
            return List.of(file);
        }

        @Override
        public String toString() {
            return "KeyStoreFile[" + file + ", " + type + ", secret hidden, " + origin + "]";
        }
    }

    /** A PEM private key (encrypted with {@code secret} if given) and its PEM certificate chain. */
    record PemFiles(Path privateKey, Path certificates, Optional<String> secret, String origin) implements KeySource {
        @Override
        public List<Path> files() {
            return List.of(privateKey, certificates);
        }

        @Override
        public String toString() {
            return "PemFiles[" + privateKey + ", " + certificates + (secret.isPresent() ? ", secret hidden" : "")
                    + ", " + origin + "]";
        }
    }
}
