package org.mailgate.smtp.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.smtp.config.KeySource;
import org.mailgate.smtp.config.TlsConfig;

/** The listener's TLS context: generated once, reloaded when its files change, kept when they break. */
class ServerTlsTest {

    @TempDir
    Path dir;

    @Test
    void aSelfSignedCertificateIsGeneratedOnceForTheHelloNameAndReused() throws Exception {
        GeneratedCertificates generated = new GeneratedCertificates(dir.resolve("tls"));
        ServerTls first = ServerTls.prepare("smtp", "mx.local.example", TlsConfig.startTls(Optional.empty()),
                generated, Duration.ofSeconds(2));
        var certificate = first.certificate().orElseThrow();
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=mx.local.example");
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(java.util.List.of(2, "mx.local.example"));
        Path key = dir.resolve("tls/mx.local.example.key");
        assertThat(Files.getPosixFilePermissions(key)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        FileTime written = Files.getLastModifiedTime(key);

        ServerTls restarted = ServerTls.prepare("smtp", "mx.local.example", TlsConfig.startTls(Optional.empty()),
                new GeneratedCertificates(dir.resolve("tls")), Duration.ofSeconds(2));
        assertThat(restarted.certificate()).contains(certificate);
        assertThat(Files.getLastModifiedTime(key)).isEqualTo(written);
    }

    @Test
    void aReplacedKeystoreIsServedAndABrokenOneIsNot() throws Exception {
        TestPki pki = TestPki.create();
        KeyMaterial first = pki.issue("mx.local.example");
        Path store = TestPki.writeKeyStore(first, dir.resolve("mx.p12"), "PKCS12", "secret");
        ServerTls tls = ServerTls.prepare("smtp", "mx.local.example",
                TlsConfig.startTls(Optional.of(new KeySource.KeyStoreFile(store, "PKCS12", "secret", "test"))),
                GeneratedCertificates.unavailable(), Duration.ZERO);
        assertThat(tls.certificate().orElseThrow().getSerialNumber()).isEqualTo(TestPki.serial(first));

        Files.writeString(store, "not a key store");
        assertThat(tls.certificate().orElseThrow().getSerialNumber()).as("the broken file is not used")
                .isEqualTo(TestPki.serial(first));

        KeyMaterial second = pki.issue("mx.local.example");
        TestPki.writeKeyStore(second, store, "PKCS12", "secret");
        Files.setLastModifiedTime(store, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(tls.certificate().orElseThrow().getSerialNumber()).isEqualTo(TestPki.serial(second));
    }

    @Test
    void aKeystoreBrokenAtStartIsUsedOnceItIsFixed() throws Exception {
        Path store = dir.resolve("mx.p12");
        Files.writeString(store, "half a key store");
        ServerTls tls = ServerTls.prepare("smtp", "mx.local.example",
                TlsConfig.startTls(Optional.of(new KeySource.KeyStoreFile(store, "PKCS12", "secret", "test"))),
                GeneratedCertificates.unavailable(), Duration.ZERO);
        assertThat(tls.available()).isFalse();

        KeyMaterial fixed = TestPki.create().issue("mx.local.example");
        TestPki.writeKeyStore(fixed, store, "PKCS12", "secret");
        assertThat(tls.available()).isTrue();
        assertThat(tls.certificate().orElseThrow().getSerialNumber()).isEqualTo(TestPki.serial(fixed));
    }

    @Test
    void withoutAStateDirectoryOrKeysTlsIsUnavailable() {
        ServerTls tls = ServerTls.prepare("smtp", "mx.local.example", TlsConfig.startTls(Optional.empty()),
                GeneratedCertificates.unavailable(), Duration.ZERO);
        assertThat(tls.available()).isFalse();
        assertThat(tls.certificate()).isEmpty();
    }
}
