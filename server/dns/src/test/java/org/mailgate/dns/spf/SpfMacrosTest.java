package org.mailgate.dns.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.mailgate.api.net.IpLiteral;

/** The macro examples of RFC 7208 7.4. */
class SpfMacrosTest {

    private static SpfMacros.Values values(String ip) {
        InetAddress address = IpLiteral.parse(ip).orElseThrow();
        return letter -> switch (letter) {
            case 's' -> "strong-bad@email.example.com";
            case 'l' -> "strong-bad";
            case 'o', 'd' -> "email.example.com";
            case 'i' -> SpfMacros.dottedAddress(address);
            case 'v' -> ip.contains(":") ? "ip6" : "in-addr";
            case 'c' -> ip;
            default -> "unknown";
        };
    }

    private static String expand(String spec) throws SpfException {
        return SpfMacros.expandDomain(spec, values("192.0.2.3"));
    }

    @Test
    void rfcExamples() throws SpfException {
        assertThat(expand("%{s}")).isEqualTo("strong-bad@email.example.com");
        assertThat(expand("%{o}")).isEqualTo("email.example.com");
        assertThat(expand("%{d}")).isEqualTo("email.example.com");
        assertThat(expand("%{d4}")).isEqualTo("email.example.com");
        assertThat(expand("%{d3}")).isEqualTo("email.example.com");
        assertThat(expand("%{d2}")).isEqualTo("example.com");
        assertThat(expand("%{d1}")).isEqualTo("com");
        assertThat(expand("%{dr}")).isEqualTo("com.example.email");
        assertThat(expand("%{d2r}")).isEqualTo("example.email");
        assertThat(expand("%{l}")).isEqualTo("strong-bad");
        assertThat(expand("%{l-}")).isEqualTo("strong.bad");
        assertThat(expand("%{lr}")).isEqualTo("strong-bad");
        assertThat(expand("%{lr-}")).isEqualTo("bad.strong");
        assertThat(expand("%{l1r-}")).isEqualTo("strong");
        assertThat(expand("%{ir}.%{v}._spf.%{d2}")).isEqualTo("3.2.0.192.in-addr._spf.example.com");
        assertThat(expand("%{lr-}.lp._spf.%{d2}")).isEqualTo("bad.strong.lp._spf.example.com");
        assertThat(expand("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}"))
                .isEqualTo("bad.strong.lp.3.2.0.192.in-addr._spf.example.com");
        assertThat(expand("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}"))
                .isEqualTo("3.2.0.192.in-addr.strong.lp._spf.example.com");
        assertThat(expand("%{d2}.trusted-domains.example.net")).isEqualTo("example.com.trusted-domains.example.net");
        assertThat(SpfMacros.expandDomain("%{ir}.%{v}._spf.%{d2}", values("2001:db8::cb01"))).isEqualTo(
                "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
    }

    @Test
    void literalsAndUpperCaseEscaping() throws SpfException {
        assertThat(SpfMacros.expandExplanation("a%%b%_c%-d", values("192.0.2.3"))).isEqualTo("a%b c%20d");
        assertThat(expand("%{S}")).isEqualTo("strong-bad%40email.example.com");
    }

    @Test
    void longResultsLoseLabelsOnTheLeft() throws SpfException {
        String spec = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60)
                + ".%{d}";
        String expanded = expand(spec);
        assertThat(expanded.length()).isLessThanOrEqualTo(253);
        assertThat(expanded).startsWith("b").endsWith(".email.example.com");
    }

    @Test
    void badMacrosAreRejected() {
        assertThatThrownBy(() -> SpfMacros.checkSyntax("%{x}")).isInstanceOf(SpfException.class);
        assertThatThrownBy(() -> SpfMacros.checkSyntax("%{d0}")).isInstanceOf(SpfException.class);
        assertThatThrownBy(() -> SpfMacros.checkSyntax("%{d")).isInstanceOf(SpfException.class);
        assertThatThrownBy(() -> SpfMacros.checkSyntax("a%b")).isInstanceOf(SpfException.class);
        assertThatThrownBy(() -> SpfMacros.checkSyntax("%{d2:}")).isInstanceOf(SpfException.class);
        assertThatThrownBy(() -> SpfMacros.expandDomain("%{c}", values("192.0.2.3")))
                .as("c is for explanations only").isInstanceOf(SpfException.class);
    }
}
