package org.mailgate.smtp.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.ElementRules;
import org.mailgate.api.config.Values;
import org.mailgate.api.config.XmlElement;
import org.mailgate.smtp.tls.KeyMaterial;
import org.mailgate.smtp.tls.KeyMaterialException;

/**
 * Reads {@code <tls socketTLS startTLS>} of one {@code <smtpserver>} in James's names: {@code keystore},
 * {@code keystoreType}, {@code secret}, or PEM {@code privateKey} and {@code certificates};
 * {@code supportedProtocols/protocol} and {@code supportedCipherSuites/cipherSuite}. The key material is
 * read and checked now, so a wrong file or secret stops the start (and {@code mailgate check}).
 */
final class TlsSection {

    private static final ElementRules TLS = ElementRules.of(Set.of("keystore", "keystoreType", "secret", "privateKey",
                    "certificates", "supportedProtocols", "supportedCipherSuites", "clientAuth", "enableOCSPCRLChecks"),
                    Set.of("socketTLS", "startTLS"))
            .ignoringChild("provider", "Mailgate uses the JDK's TLS provider")
            .ignoringChild("algorithm", "Mailgate uses the JDK's default key manager algorithm");
    private static final ElementRules PROTOCOLS = ElementRules.of(Set.of("protocol"), Set.of());
    private static final ElementRules SUITES = ElementRules.of(Set.of("cipherSuite"), Set.of());
    private static final Set<String> OBSOLETE_PROTOCOLS = Set.of("SSLv2", "SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1");
    private static final Set<String> TLS13_SUITES = Set.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256");
    private static final String CONF_PREFIX = "file://conf/";

    private TlsSection() {
    }

    static TlsConfig parse(Optional<XmlElement> element, Path confDir, ConfigReport report) {
        if (element.isEmpty()) {
            return TlsConfig.disabled();
        }
        XmlElement tls = element.get();
        TLS.check(tls, report);
        boolean socketTls = Values.booleanAttribute(tls, "socketTLS", false, report);
        boolean startTls = Values.booleanAttribute(tls, "startTLS", false, report);
        if (socketTls && startTls) {
            report.error(tls, "socketTLS and startTLS cannot both be true: STARTTLS upgrades a plain connection; "
                    + "use one <smtpserver> with socketTLS (port 465) and another with startTLS (587 or 25)");
        }
        tls.child("clientAuth").ifPresent(c -> report.error(c, "<clientAuth> (client certificates) is not "
                + "available in this version of Mailgate: remove it"));
        tls.child("enableOCSPCRLChecks").filter(c -> Values.booleanValue(c, false, report)).ifPresent(c ->
                report.error(c, "<enableOCSPCRLChecks> needs client certificates, which this version of Mailgate "
                        + "does not check: set it to false or remove it"));
        List<String> protocols = tls.child("supportedProtocols").map(p -> protocols(p, report))
                .orElse(TlsConfig.PROTOCOLS);
        List<String> suites = tls.child("supportedCipherSuites").map(p -> cipherSuites(p, protocols, report))
                .orElse(TlsConfig.MODERN_CIPHER_SUITES);
        boolean enabled = socketTls || startTls;
        Optional<KeySource> keys = keys(tls, confDir, enabled, report);
        return new TlsConfig(socketTls, startTls, keys, protocols, suites);
    }

    private static Optional<KeySource> keys(XmlElement tls, Path confDir, boolean enabled, ConfigReport report) {
        Optional<XmlElement> keystore = tls.child("keystore");
        Optional<XmlElement> privateKey = tls.child("privateKey");
        Optional<XmlElement> certificates = tls.child("certificates");
        Optional<XmlElement> type = tls.child("keystoreType");
        Optional<String> secret = tls.childText("secret");
        Optional<KeySource> source = Optional.empty();
        if (keystore.isPresent() && (privateKey.isPresent() || certificates.isPresent())) {
            report.error(keystore.get(), "give either <keystore> or <privateKey> and <certificates>, not both");
            return Optional.empty();
        }
        if (keystore.isPresent()) {
            String storeType = type.map(t -> keystoreType(t, report)).orElse("PKCS12");
            source = file(keystore.get(), confDir, report).map(file -> new KeySource.KeyStoreFile(file, storeType,
                    secret.orElse(""), keystore.get().location()));
        } else if (privateKey.isPresent() || certificates.isPresent()) {
            if (privateKey.isEmpty() || certificates.isEmpty()) {
                report.error(privateKey.or(() -> certificates).get(), "<privateKey> and <certificates> go together: "
                        + "give both PEM files");
                return Optional.empty();
            }
            type.ifPresent(t -> report.error(t, "<keystoreType> applies to <keystore> only"));
            Optional<Path> keyFile = file(privateKey.get(), confDir, report);
            Optional<Path> chainFile = file(certificates.get(), confDir, report);
            if (keyFile.isPresent() && chainFile.isPresent()) {
                source = Optional.of(new KeySource.PemFiles(keyFile.get(), chainFile.get(), secret,
                        privateKey.get().location()));
            }
        } else if (type.isPresent() || secret.isPresent()) {
            report.error(type.or(() -> tls.child("secret")).get(), "<keystoreType> and <secret> need a <keystore> "
                    + "or a <privateKey>");
        }
        if (source.isPresent() && !enabled) {
            report.warning(tls, "the certificate in <tls> is not used: socketTLS and startTLS are both false");
        } else if (source.isPresent()) {
            check(source.get(), tls, report);
        }
        return source;
    }

    /** Loads the key material once, so that a missing file or a wrong secret is reported with its line. */
    private static void check(KeySource source, XmlElement tls, ConfigReport report) {
        try {
            KeyMaterial.load(source);
        } catch (KeyMaterialException e) {
            String element = switch (e.setting()) {
                case KEYSTORE -> "keystore";
                case SECRET -> "secret";
                case PRIVATE_KEY -> "privateKey";
                case CERTIFICATES -> "certificates";
            };
            XmlElement at = tls.child(element).or(() -> tls.child("keystore")).orElse(tls);
            report.error(at, "<" + element + ">: " + e.getMessage());
        }
    }

    /**
     * James's file names: {@code file://conf/NAME} is in the configuration directory, as is a plain relative
     * name; {@code file:///PATH} and an absolute name are taken as they are.
     */
    private static Optional<Path> file(XmlElement e, Path confDir, ConfigReport report) {
        Optional<String> text = Values.requiredText(e, report);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String name = text.get();
        Path file;
        if (name.startsWith(CONF_PREFIX)) {
            file = confDir.resolve(name.substring(CONF_PREFIX.length()));
        } else if (name.startsWith("file:///")) {
            file = Path.of(name.substring("file://".length()));
        } else if (name.contains("://") || name.startsWith("classpath:")) {
            report.error(e, "<" + e.name() + "> '" + name + "': give a file name relative to the configuration "
                    + "directory, an absolute file name, or file://conf/NAME");
            return Optional.empty();
        } else {
            file = confDir.resolve(name);
        }
        if (!Files.isRegularFile(file)) {
            report.error(e, "<" + e.name() + "> file " + file.toAbsolutePath() + " does not exist");
            return Optional.empty();
        }
        return Optional.of(file);
    }

    private static String keystoreType(XmlElement e, ConfigReport report) {
        String type = e.text().trim().toUpperCase(Locale.ROOT);
        if (!type.equals("PKCS12") && !type.equals("JKS")) {
            report.error(e, "<keystoreType> must be PKCS12 or JKS, not '" + e.text() + "'");
            return "PKCS12";
        }
        return type;
    }

    private static List<String> protocols(XmlElement e, ConfigReport report) {
        PROTOCOLS.check(e, report);
        List<String> protocols = new ArrayList<>();
        for (XmlElement protocol : e.children("protocol")) {
            String name = protocol.text().trim();
            if (OBSOLETE_PROTOCOLS.contains(name)) {
                report.error(protocol, "<protocol> " + name + " is older than TLSv1.2 and not safe; "
                        + "allowed: TLSv1.2, TLSv1.3");
            } else if (!TlsConfig.PROTOCOLS.contains(name)) {
                report.error(protocol, "unknown <protocol> '" + name + "'; allowed: TLSv1.2, TLSv1.3");
            } else if (!protocols.contains(name)) {
                protocols.add(name);
            }
        }
        if (protocols.isEmpty()) {
            if (e.children("protocol").isEmpty()) {
                report.error(e, "<supportedProtocols> names no protocol; allowed: TLSv1.2, TLSv1.3");
            }
            return TlsConfig.PROTOCOLS;
        }
        return protocols;
    }

    private static List<String> cipherSuites(XmlElement e, List<String> protocols, ConfigReport report) {
        SUITES.check(e, report);
        List<String> suites = new ArrayList<>();
        for (XmlElement suite : e.children("cipherSuite")) {
            String name = suite.text().trim();
            if (!TlsConfig.MODERN_CIPHER_SUITES.contains(name)) {
                report.error(suite, "<cipherSuite> '" + name + "' is not one of the modern suites Mailgate allows "
                        + "(forward secret, AEAD); allowed: " + String.join(", ", TlsConfig.MODERN_CIPHER_SUITES));
            } else if (!suites.contains(name)) {
                suites.add(name);
            }
        }
        boolean usable = suites.stream().anyMatch(s -> protocols.contains(TLS13_SUITES.contains(s) ? "TLSv1.3"
                : "TLSv1.2"));
        if (!usable && !report.hasErrors()) {
            report.error(e, "<supportedCipherSuites> has no suite for the protocols " + protocols
                    + " (TLS_AES_* and TLS_CHACHA20_* are TLSv1.3 suites, TLS_ECDHE_* are TLSv1.2 suites)");
        }
        return suites.isEmpty() ? TlsConfig.MODERN_CIPHER_SUITES : suites;
    }
}
