package org.mailgate.smtp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.smtp.tls.KeyMaterial;
import org.mailgate.smtp.tls.TestPki;

/** {@code <tls>} of smtpserver.xml: James's element names, and errors that name file, line and setting. */
class TlsSectionTest {

    @TempDir
    Path conf;
    KeyMaterial material;

    @BeforeEach
    void keys() throws Exception {
        material = TestPki.create().issue("mx.local.example");
    }

    /** Writes smtpserver.xml with {@code tls} as lines 4 and on, and reads it. */
    SmtpServersConfig read(String tls, ConfigReport report) throws Exception {
        Files.writeString(conf.resolve("smtpserver.xml"), "<smtpservers>\n<smtpserver>\n<bind>127.0.0.1:0</bind>\n"
                + tls + "\n</smtpserver>\n</smtpservers>\n");
        return SmtpServersConfig.read(conf, report);
    }

    TlsConfig readOk(String tls) throws Exception {
        ConfigReport report = new ConfigReport();
        SmtpServersConfig config = read(tls, report);
        assertThat(report.errors()).isEmpty();
        return config.servers().get(0).tls();
    }

    List<ConfigError> errors(String tls) throws Exception {
        ConfigReport report = new ConfigReport();
        read(tls, report);
        return report.errors();
    }

    @Test
    void aKeystoreInJamesFormIsFoundInTheConfigurationDirectory() throws Exception {
        TestPki.writeKeyStore(material, conf.resolve("keystore"), "PKCS12", "james72laBalle");
        TlsConfig tls = readOk("<tls socketTLS=\"false\" startTLS=\"true\">\n<keystore>file://conf/keystore</keystore>\n"
                + "<secret>james72laBalle</secret>\n</tls>");
        assertThat(tls.startTls()).isTrue();
        assertThat(tls.socketTls()).isFalse();
        assertThat(tls.keys()).get().isInstanceOfSatisfying(KeySource.KeyStoreFile.class, k -> {
            assertThat(k.file()).isEqualTo(conf.resolve("keystore"));
            assertThat(k.type()).isEqualTo("PKCS12");
        });
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void aJksKeystoreWithAPlainRelativeName() throws Exception {
        TestPki.writeKeyStore(material, conf.resolve("mx.jks"), "JKS", "changeit");
        TlsConfig tls = readOk("<tls socketTLS=\"true\">\n<keystore>mx.jks</keystore>\n<keystoreType>jks</keystoreType>\n"
                + "<secret>changeit</secret>\n</tls>");
        assertThat(tls.keys()).get().isInstanceOfSatisfying(KeySource.KeyStoreFile.class,
                k -> assertThat(k.type()).isEqualTo("JKS"));
    }

    @Test
    void pemKeyAndChain() throws Exception {
        TestPki.writePem(material, conf.resolve("mx.key"), conf.resolve("mx.crt"));
        TlsConfig tls = readOk("<tls startTLS=\"true\">\n<privateKey>file://conf/mx.key</privateKey>\n"
                + "<certificates>" + conf.resolve("mx.crt").toAbsolutePath() + "</certificates>\n</tls>");
        assertThat(KeyMaterial.load(tls.keys().orElseThrow()).chain()).isEqualTo(material.chain());
    }

    @Test
    void noKeyMeansAGeneratedCertificate() throws Exception {
        TlsConfig tls = readOk("<tls socketTLS=\"false\" startTLS=\"true\"/>");
        assertThat(tls.enabled()).isTrue();
        assertThat(tls.keys()).isEmpty();
    }

    @Test
    void aMissingKeystoreFileIsAnErrorOnItsLine() throws Exception {
        assertThat(errors("<tls startTLS=\"true\">\n<keystore>file://conf/missing.p12</keystore>\n</tls>"))
                .singleElement().satisfies(e -> {
                    assertThat(e.file()).endsWith("/smtpserver.xml");
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.message()).contains("<keystore>", "missing.p12", "does not exist");
                });
    }

    @Test
    void aWrongSecretIsAnErrorOnTheSecretLine() throws Exception {
        TestPki.writeKeyStore(material, conf.resolve("keystore.p12"), "PKCS12", "right");
        assertThat(errors("<tls startTLS=\"true\">\n<keystore>keystore.p12</keystore>\n<secret>wrong</secret>\n</tls>"))
                .singleElement().satisfies(e -> {
                    assertThat(e.line()).isEqualTo(6);
                    assertThat(e.message()).contains("<secret>", "wrong", "keystore.p12");
                });
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsAnError() throws Exception {
        KeyMaterial other = TestPki.create().issue("mx.local.example");
        TestPki.writePem(material, conf.resolve("mx.key"), conf.resolve("unused.crt"));
        TestPki.writePem(other, conf.resolve("unused.key"), conf.resolve("mx.crt"));
        assertThat(errors("<tls startTLS=\"true\">\n<privateKey>mx.key</privateKey>\n<certificates>mx.crt</certificates>\n</tls>"))
                .singleElement().satisfies(e -> {
                    assertThat(e.line()).isEqualTo(6);
                    assertThat(e.message()).contains("<certificates>", "does not belong");
                });
    }

    @Test
    void protocolsOlderThanTls12AreRefused() throws Exception {
        assertThat(errors("<tls startTLS=\"true\">\n<supportedProtocols>\n<protocol>TLSv1.2</protocol>\n"
                + "<protocol>TLSv1</protocol>\n</supportedProtocols>\n</tls>"))
                .singleElement().satisfies(e -> {
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.message()).contains("<protocol> TLSv1 ", "older than TLSv1.2");
                });
        assertThat(readOk("<tls startTLS=\"true\">\n<supportedProtocols><protocol>TLSv1.3</protocol>"
                + "</supportedProtocols>\n</tls>").protocols()).containsExactly("TLSv1.3");
    }

    @Test
    void weakCipherSuitesAreRefused() throws Exception {
        assertThat(errors("<tls startTLS=\"true\">\n<supportedCipherSuites>\n"
                + "<cipherSuite>TLS_RSA_WITH_AES_128_CBC_SHA</cipherSuite>\n</supportedCipherSuites>\n</tls>"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("TLS_RSA_WITH_AES_128_CBC_SHA",
                        "not one of the modern suites"));
        assertThat(readOk("<tls startTLS=\"true\">\n<supportedCipherSuites>\n<cipherSuite>TLS_AES_128_GCM_SHA256"
                + "</cipherSuite>\n</supportedCipherSuites>\n</tls>").cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");
    }

    @Test
    void suitesThatFitNoneOfTheProtocolsAreAnError() throws Exception {
        assertThat(errors("<tls startTLS=\"true\">\n<supportedProtocols><protocol>TLSv1.2</protocol></supportedProtocols>\n"
                + "<supportedCipherSuites><cipherSuite>TLS_AES_128_GCM_SHA256</cipherSuite></supportedCipherSuites>\n</tls>"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("no suite for the protocols"));
    }

    @Test
    void bothModesAtOnceAndUnknownElementsAreErrors() throws Exception {
        assertThat(errors("<tls socketTLS=\"true\" startTLS=\"true\"/>")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("cannot both be true"));
        assertThat(errors("<tls startTLS=\"true\">\n<keyStore>x</keyStore>\n</tls>")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("unknown element <keyStore>", "keystore"));
        assertThat(errors("<tls startTLS=\"true\">\n<privateKey>x.key</privateKey>\n</tls>")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("<privateKey> and <certificates> go together"));
        assertThat(errors("<tls startTLS=\"true\">\n<clientAuth/>\n</tls>")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("<clientAuth>"));
    }

    @Test
    void theShippedConfigurationOffersStartTlsWithAGeneratedCertificate() {
        ConfigReport report = new ConfigReport();
        SmtpServersConfig shipped = SmtpServersConfig.read(Path.of("../../conf"), report);
        assertThat(report.errors()).isEmpty();
        assertThat(shipped.servers().get(0).tls()).satisfies(tls -> {
            assertThat(tls.startTls()).isTrue();
            assertThat(tls.socketTls()).isFalse();
            assertThat(tls.keys()).isEmpty();
        });
    }
}
