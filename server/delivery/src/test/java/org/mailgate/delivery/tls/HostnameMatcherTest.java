package org.mailgate.delivery.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.tls.TestCertificate;

class HostnameMatcherTest {

    @Test
    void theNamesOfACertificateAreItsDnsAlternativeNames() {
        assertThat(HostnameMatcher.names(TestCertificate.load().certificate()))
                .containsExactly("mx.remote.example", "*.tls.example");
    }

    @Test
    void anExactNameMatchesWithoutRegardToCaseOrAFinalDot() {
        List<String> names = List.of("mx.remote.example");
        assertThat(HostnameMatcher.matches("mx.remote.example", names)).isTrue();
        assertThat(HostnameMatcher.matches("MX.Remote.Example.", names)).isTrue();
        assertThat(HostnameMatcher.matches("mx2.remote.example", names)).isFalse();
        assertThat(HostnameMatcher.matches("remote.example", names)).isFalse();
        assertThat(HostnameMatcher.matches("", names)).isFalse();
    }

    @Test
    void aWildcardStandsForExactlyOneLeftMostLabel() {
        List<String> names = List.of("*.tls.example");
        assertThat(HostnameMatcher.matches("mx1.tls.example", names)).isTrue();
        assertThat(HostnameMatcher.matches("MX1.TLS.example", names)).isTrue();
        assertThat(HostnameMatcher.matches("tls.example", names)).isFalse();
        assertThat(HostnameMatcher.matches("a.mx1.tls.example", names)).isFalse();
        assertThat(HostnameMatcher.matches("mx1.tls.example.org", names)).isFalse();
    }

    @Test
    void partialNestedAndTopLevelWildcardsMatchNothing() {
        assertThat(HostnameMatcher.matches("mx1.tls.example", List.of("mx*.tls.example"))).isFalse();
        assertThat(HostnameMatcher.matches("a.b.example", List.of("*.*.example"))).isFalse();
        assertThat(HostnameMatcher.matches("mx.example", List.of("*.example"))).isFalse();
        assertThat(HostnameMatcher.matches("*.tls.example", List.of("mx.tls.example"))).isFalse();
    }
}
