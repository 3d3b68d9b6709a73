package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.TlsLevel;
import org.mailgate.api.delivery.TlsSettings;
import org.mailgate.api.delivery.TrustStore;
import org.mailgate.api.net.HostAndPort;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;
import org.mailgate.testkit.tls.TestCertificate;

/** RemoteDelivery's outbound TLS parameters: James's four and Mailgate's tlsPolicy and trust store. */
class RemoteDeliveryTlsTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    @TempDir
    Path dir;

    private DeliverySettings settings(FakeMailetConfig config) throws MessagingException {
        RemoteDelivery mailet = new RemoteDelivery(new RecordingOutgoingQueues());
        mailet.init(config);
        return mailet.settings();
    }

    private FakeMailetConfig config() {
        return FakeMailetConfig.of("RemoteDelivery", context);
    }

    private Path trustStore() {
        return TestCertificate.load().writeTrustStore(dir.resolve("trust.p12"), "secret");
    }

    @Test
    void byDefaultStartTlsIsOpportunisticAndCertificatesAreCheckedAsJamesDoes() throws Exception {
        TlsSettings tls = settings(config()).tls();

        assertThat(tls).isEqualTo(TlsSettings.DEFAULTS);
        assertThat(tls.startTls()).isTrue();
        assertThat(tls.sslEnable()).isFalse();
        assertThat(tls.verifyServerIdentity()).isTrue();
        assertThat(tls.trustAllCerts()).isFalse();
        assertThat(tls.levelFor("any.example")).isEqualTo(TlsLevel.MAY);
        assertThat(tls.trustStore()).isEmpty();
    }

    @Test
    void readsEveryTlsParameter() throws Exception {
        Path store = trustStore();
        TlsSettings tls = settings(config().param("startTLS", "false")
                .param("tlsPolicy", " Example.COM:verify, .bank.example:ENCRYPT,\n legacy.example : none, ")
                .param("trustStore", store.toString()).param("trustStorePassword", "secret")).tls();

        assertThat(tls.startTls()).isFalse();
        assertThat(tls.levelFor("example.com")).isEqualTo(TlsLevel.VERIFY);
        assertThat(tls.levelFor("mx.bank.example")).isEqualTo(TlsLevel.ENCRYPT);
        assertThat(tls.levelFor("bank.example")).as("not a subdomain of itself").isEqualTo(TlsLevel.NONE);
        assertThat(tls.levelFor("legacy.example")).isEqualTo(TlsLevel.NONE);
        assertThat(tls.levelFor("other.example")).isEqualTo(TlsLevel.NONE);
        assertThat(tls.policies().entries()).hasSize(3);
        assertThat(tls.trustStore()).contains(new TrustStore(store, "secret"));
        assertThat(tls.trustStore().orElseThrow().toString()).doesNotContain("secret");
    }

    @Test
    void sslEnableTakesGatewaysOnPort465UnlessToldOtherwise() throws Exception {
        DeliverySettings settings = settings(config().param("sslEnable", "true")
                .param("gateway", "smtp.provider.example, relay.provider.example:2465")
                .param("verifyServerIdentity", "false").param("sslTrustAllCerts", "true"));

        assertThat(settings.tls().sslEnable()).isTrue();
        assertThat(settings.tls().verifyServerIdentity()).isFalse();
        assertThat(settings.tls().trustAllCerts()).isTrue();
        assertThat(settings.gateways()).containsExactly(new HostAndPort("smtp.provider.example", 465),
                new HostAndPort("relay.provider.example", 2465));
        assertThat(context.logged()).noneMatch(line -> line.contains("sslEnable connections only"));
    }

    @Test
    void warnsThatJamesCertificateParametersOnlyApplyToSslEnable() throws Exception {
        settings(config().param("startTLS", "true").param("verifyServerIdentity", "true"));

        assertThat(context.logged()).anyMatch(line -> line.contains("verifyServerIdentity")
                && line.contains("sslEnable connections only") && line.contains("verify"));
    }

    @Test
    void refusesMalformedTlsPolicyEntriesNamingTheEntry() {
        assertThatThrownBy(() -> settings(config().param("tlsPolicy", "good.example:may, example.com")))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("tlsPolicy").hasMessageContaining("'example.com'").hasMessageContaining("no level");
        assertThatThrownBy(() -> settings(config().param("tlsPolicy", "example.com:secure")))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("'example.com:secure'").hasMessageContaining("unknown TLS level 'secure'")
                .hasMessageContaining("none, may, encrypt, verify");
        assertThatThrownBy(() -> settings(config().param("tlsPolicy", ":verify")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("':verify'")
                .hasMessageContaining("empty destination");
        assertThatThrownBy(() -> settings(config().param("tlsPolicy", "exa mple.com:may")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("'exa mple.com:may'")
                .hasMessageContaining("not a domain");
        assertThatThrownBy(() -> settings(config().param("tlsPolicy", "*.example.com:verify")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("'*.example.com:verify'");
        assertThatThrownBy(() -> settings(config().param("tlsPolicy", "a.example:may, A.example:verify")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("'A.example:verify'")
                .hasMessageContaining("repeats");
    }

    @Test
    void refusesBadBooleansNamingTheParameter() {
        assertThatThrownBy(() -> settings(config().param("startTLS", "maybe")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("startTLS");
        assertThatThrownBy(() -> settings(config().param("sslTrustAllCerts", "1")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("sslTrustAllCerts");
    }

    @Test
    void refusesSslEnableWithoutAGatewayAndPoliciesItCannotMeet() {
        assertThatThrownBy(() -> settings(config().param("sslEnable", "true")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("sslEnable needs gateway");
        assertThatThrownBy(() -> settings(config().param("sslEnable", "true").param("gateway", "gw.example")
                .param("tlsPolicy", "gw.example:none")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("tlsPolicy entry 'gw.example:none'");
    }

    @Test
    void refusesATrustStoreItCannotUse() throws Exception {
        Path store = trustStore();
        assertThatThrownBy(() -> settings(config().param("trustStore", store.toString())))
                .isInstanceOf(MessagingException.class).hasMessageContaining("trustStore needs trustStorePassword");
        assertThatThrownBy(() -> settings(config().param("trustStorePassword", "secret")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("trustStore is not");
        assertThatThrownBy(() -> settings(config().param("trustStore", "conf/trust.p12")
                .param("trustStorePassword", "secret")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("not an absolute path");
        assertThatThrownBy(() -> settings(config().param("trustStore", dir.resolve("missing.p12").toString())
                .param("trustStorePassword", "secret")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("missing.p12 is not a readable file");
        assertThatThrownBy(() -> settings(config().param("trustStore", store.toString())
                .param("trustStorePassword", "wrong")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("parameter trustStore")
                .hasMessageContaining("cannot be read");
        Path notAStore = Files.writeString(dir.resolve("notes.txt"), "not a key store");
        assertThatThrownBy(() -> settings(config().param("trustStore", notAStore.toString())
                .param("trustStorePassword", "secret")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("cannot be read");
    }
}
