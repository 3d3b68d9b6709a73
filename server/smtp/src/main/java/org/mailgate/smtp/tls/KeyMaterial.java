package org.mailgate.smtp.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.mailgate.smtp.config.KeySource;

/** A server's private key and its certificate chain (the server's own certificate first), checked to match. */
public record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {

    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    public KeyMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
    }

    /** Reads and checks the key and chain named by {@code source}. */
    public static KeyMaterial load(KeySource source) throws KeyMaterialException {
        return switch (source) {
            case KeySource.KeyStoreFile store -> fromKeyStore(store);
            case KeySource.PemFiles pem -> fromPem(pem);
        };
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The SHA-256 fingerprint of the certificate, as colon-separated hex (as {@code openssl x509 -fingerprint}). */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Key managers that present this key and chain. */
    KeyManager[] keyManagers() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
        store.setKeyEntry("server", key, IN_MEMORY, chain.toArray(new Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY);
        return factory.getKeyManagers();
    }

    private static KeyMaterial fromKeyStore(KeySource.KeyStoreFile source) throws KeyMaterialException {
        char[] secret = source.secret().toCharArray();
        KeyStore store;
        try (InputStream in = Files.newInputStream(source.file())) {
            store = KeyStore.getInstance(source.type());
            store.load(in, secret);
        } catch (NoSuchFileException e) {
            throw new KeyMaterialException(KeyMaterialException.Setting.KEYSTORE,
                    "key store " + source.file() + " does not exist");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new KeyMaterialException(KeyMaterialException.Setting.SECRET,
                        "wrong <secret> for key store " + source.file(), e);
            }
            throw new KeyMaterialException(KeyMaterialException.Setting.KEYSTORE,
                    "cannot read key store " + source.file() + " as " + source.type() + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException(KeyMaterialException.Setting.KEYSTORE,
                    "cannot read key store " + source.file() + ": " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, secret);
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                    return checked(privateKey, x509(chain), KeyMaterialException.Setting.KEYSTORE,
                            "key store " + source.file() + " entry '" + alias + "'");
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new KeyMaterialException(KeyMaterialException.Setting.SECRET,
                    "wrong <secret> for the key in key store " + source.file(), e);
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException(KeyMaterialException.Setting.KEYSTORE,
                    "cannot read key store " + source.file() + ": " + e.getMessage(), e);
        }
        throw new KeyMaterialException(KeyMaterialException.Setting.KEYSTORE,
                "key store " + source.file() + " holds no private key with a certificate");
    }

    private static KeyMaterial fromPem(KeySource.PemFiles source) throws KeyMaterialException {
        PrivateKey key = pemKey(source.privateKey(), source.secret());
        List<X509Certificate> chain = pemCertificates(source.certificates());
        return checked(key, chain, KeyMaterialException.Setting.CERTIFICATES,
                "private key " + source.privateKey() + " and certificate " + source.certificates());
    }

    private static PrivateKey pemKey(Path file, Optional<String> secret) throws KeyMaterialException {
        KeyMaterialException.Setting setting = KeyMaterialException.Setting.PRIVATE_KEY;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                switch (item) {
                    case PEMKeyPair pair -> {
                        return converter.getKeyPair(pair).getPrivate();
                    }
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info);
                    }
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> {
                        char[] password = password(file, secret);
                        return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                                new JceOpenSSLPKCS8DecryptorProviderBuilder().build(password)));
                    }
                    case PEMEncryptedKeyPair encrypted -> {
                        char[] password = password(file, secret);
                        return converter.getKeyPair(encrypted.decryptKeyPair(
                                new JcePEMDecryptorProviderBuilder().build(password))).getPrivate();
                    }
                    default -> {
                        // EC PARAMETERS or a certificate in the same file: not the key
                    }
                }
            }
            throw new KeyMaterialException(setting, file + " holds no PEM private key");
        } catch (NoSuchFileException e) {
            throw new KeyMaterialException(setting, "private key " + file + " does not exist");
        } catch (PKCSException | OperatorCreationException | org.bouncycastle.openssl.EncryptionException e) {
            throw new KeyMaterialException(KeyMaterialException.Setting.SECRET,
                    "wrong <secret> for private key " + file, e);
        } catch (PEMException e) {
            throw new KeyMaterialException(setting, "cannot read private key " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new KeyMaterialException(setting, "cannot read private key " + file + ": " + e.getMessage(), e);
        }
    }

    private static char[] password(Path file, Optional<String> secret) throws KeyMaterialException {
        return secret.map(String::toCharArray).orElseThrow(() -> new KeyMaterialException(
                KeyMaterialException.Setting.SECRET, "private key " + file + " is encrypted: give its <secret>"));
    }

    private static List<X509Certificate> pemCertificates(Path file) throws KeyMaterialException {
        KeyMaterialException.Setting setting = KeyMaterialException.Setting.CERTIFICATES;
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (NoSuchFileException e) {
            throw new KeyMaterialException(setting, "certificate file " + file + " does not exist");
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyMaterialException(setting, "cannot read certificates " + file + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new KeyMaterialException(setting, file + " holds no PEM certificate");
        }
        return chain;
    }

    private static List<X509Certificate> x509(Certificate[] chain) throws KeyMaterialException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : chain) {
            if (!(certificate instanceof X509Certificate x509)) {
                throw new KeyMaterialException(KeyMaterialException.Setting.KEYSTORE,
                        "not an X.509 certificate: " + certificate.getType());
            }
            certificates.add(x509);
        }
        return certificates;
    }

    /** The key must belong to the first certificate: proven by signing with one and verifying with the other. */
    private static KeyMaterial checked(PrivateKey key, List<X509Certificate> chain,
                                       KeyMaterialException.Setting setting, String what)
            throws KeyMaterialException {
        byte[] probe = "Mailgate key check".getBytes(StandardCharsets.US_ASCII);
        try {
            String algorithm = switch (key.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                case "Ed25519", "EdDSA" -> "Ed25519";
                default -> throw new KeyMaterialException(setting, what + ": unsupported key type "
                        + key.getAlgorithm() + "; use RSA, EC or Ed25519");
            };
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            signer.initVerify(chain.get(0).getPublicKey());
            signer.update(probe);
            if (!signer.verify(signature)) {
                throw new KeyMaterialException(setting, what + ": the private key does not belong to the first "
                        + "certificate (the server's certificate must come first, then its issuers)");
            }
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException(setting, what + ": the private key does not belong to the first "
                    + "certificate: " + e.getMessage(), e);
        }
        return new KeyMaterial(key, chain);
    }
}
