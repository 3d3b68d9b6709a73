package org.mailgate.delivery.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.TlsPolicyTable;
import org.mailgate.api.delivery.TlsSettings;
import org.mailgate.api.delivery.TrustStore;
import org.mailgate.delivery.tls.TlsRequirement.Mode;

class ConnectionPolicyTest {

    static final TrustStore STORE = new TrustStore(Path.of("/etc/mailgate/trust.p12"), "secret");

    static TlsSettings settings(boolean startTls, boolean sslEnable, boolean verifyName, boolean trustAll, String table) {
        return new TlsSettings(startTls, sslEnable, verifyName, trustAll, TlsPolicyTable.parse(table), Optional.of(STORE));
    }

    static TlsRequirement requirement(TlsSettings settings, String destination) {
        return ConnectionPolicy.resolve(settings, destination, "mx.host.example").requirement();
    }

    @Test
    void eachLevelGivesItsRequirement() {
        TlsSettings settings = settings(true, false, true, false,
                "none.example:none, may.example:may, encrypt.example:encrypt, verify.example:verify");

        assertThat(requirement(settings, "none.example")).isEqualTo(TlsRequirement.PLAIN);
        assertThat(requirement(settings, "may.example"))
                .isEqualTo(new TlsRequirement(Mode.OPPORTUNISTIC, CertificateCheck.NONE, "", Optional.empty()));
        assertThat(requirement(settings, "encrypt.example"))
                .isEqualTo(new TlsRequirement(Mode.STARTTLS_REQUIRED, CertificateCheck.NONE, "", Optional.empty()));
        assertThat(requirement(settings, "verify.example")).isEqualTo(new TlsRequirement(Mode.STARTTLS_REQUIRED,
                CertificateCheck.CHAIN_AND_NAME, "mx.host.example", Optional.of(STORE)));
        assertThat(ConnectionPolicy.resolve(settings, "verify.example", "mx.host.example").origin())
                .isEqualTo("tlsPolicy verify for verify.example");
    }

    @Test
    void unlistedDestinationsGetMayOrNoneByStartTls() {
        assertThat(requirement(settings(true, false, true, false, ""), "any.example").mode()).isEqualTo(Mode.OPPORTUNISTIC);
        assertThat(requirement(settings(false, false, true, false, ""), "any.example")).isEqualTo(TlsRequirement.PLAIN);
        assertThat(requirement(settings(false, false, true, false, ".bank.example:verify"), "mx.bank.example").mode())
                .isEqualTo(Mode.STARTTLS_REQUIRED);
    }

    @Test
    void sslEnableChecksUnlistedDestinationsAsJamesDoes() {
        assertThat(requirement(settings(true, true, true, false, ""), "gw.example")).isEqualTo(new TlsRequirement(
                Mode.IMPLICIT, CertificateCheck.CHAIN_AND_NAME, "mx.host.example", Optional.of(STORE)));
        assertThat(requirement(settings(true, true, false, false, ""), "gw.example"))
                .isEqualTo(new TlsRequirement(Mode.IMPLICIT, CertificateCheck.CHAIN, "", Optional.of(STORE)));
        assertThat(requirement(settings(true, true, true, true, ""), "gw.example"))
                .isEqualTo(new TlsRequirement(Mode.IMPLICIT, CertificateCheck.NONE, "", Optional.empty()));
        assertThat(requirement(settings(true, true, true, false, "gw.example:encrypt"), "gw.example").check())
                .isEqualTo(CertificateCheck.NONE);
        assertThat(requirement(settings(true, true, false, true, "gw.example:verify"), "gw.example").check())
                .isEqualTo(CertificateCheck.CHAIN_AND_NAME);
    }
}
