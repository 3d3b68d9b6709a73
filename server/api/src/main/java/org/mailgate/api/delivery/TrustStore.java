package org.mailgate.api.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Objects;

/**
 * A key store file (PKCS12 or JKS) whose certificates are the roots trusted when a server certificate
 * is verified, in place of the JDK's own ({@code trustStore} / {@code trustStorePassword}). The password
 * is never shown by {@link #toString()}.
 */
public record TrustStore(Path path, String password) {

    public TrustStore {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(password, "password");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("'" + path + "' is not an absolute path");
        }
    }

    /**
     * Reads the store.
     *
     * @throws IllegalArgumentException saying why it cannot be used: missing, unreadable, not a key store,
     *                                  wrong password, or without any certificate
     */
    public KeyStore load() {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException(path + " is not a readable file");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(path.toFile(), password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(path + " cannot be read as a PKCS12 or JKS key store with this "
                    + "password: " + e.getMessage());
        }
        try {
            boolean anyCertificate = false;
            for (String alias : Collections.list(store.aliases())) {
                anyCertificate |= store.getCertificate(alias) != null;
            }
            if (!anyCertificate) {
                throw new IllegalArgumentException(path + " holds no certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(path + " cannot be listed: " + e.getMessage());
        }
        return store;
    }

    @Override
    public String toString() {
        return "TrustStore[" + path + "]";
    }
}
