package org.mailgate.dns.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.net.IpLiteral;
import org.mailgate.api.spf.SpfQuery;
import org.mailgate.api.spf.SpfResult;
import org.mailgate.api.spf.SpfResult.Result;
import org.mailgate.dns.DnsJavaResolver;
import org.mailgate.dns.DnsServiceConfig;
import org.mailgate.testkit.dns.LoopbackDnsServer;

/** RFC 7208 evaluation against a real DNS server on loopback; cases modelled on the pyspf test suite. */
class SpfEvaluatorTest {

    private final LoopbackDnsServer dns = LoopbackDnsServer.start();
    private final DnsJavaResolver resolver = new DnsJavaResolver(new DnsServiceConfig(
            List.of(new InetSocketAddress("127.0.0.1", dns.port())), false, 1000, Duration.ofMinutes(5),
            Duration.ofSeconds(1)));
    private final SpfEvaluator spf = new SpfEvaluator(resolver, Clock.systemUTC());

    {
        resolver.start();
    }

    @AfterEach
    void stop() {
        resolver.stop();
        dns.close();
    }

    private SpfResult check(String ip, String sender) {
        return spf.check(new SpfQuery(IpLiteral.parse(ip).orElseThrow(), sender, "mail.example.net"));
    }

    private Result result(String ip, String sender) {
        return check(ip, sender).result();
    }

    @Test
    void qualifiersGiveTheirResults() {
        dns.txt("example.com", "v=spf1 ip4:192.0.2.0/24 -ip4:198.51.100.1 ~ip4:198.51.100.2 ?ip4:198.51.100.3 -all");
        assertThat(result("192.0.2.77", "a@example.com")).isEqualTo(Result.PASS);
        assertThat(result("198.51.100.1", "a@example.com")).isEqualTo(Result.FAIL);
        assertThat(result("198.51.100.2", "a@example.com")).isEqualTo(Result.SOFTFAIL);
        assertThat(result("198.51.100.3", "a@example.com")).isEqualTo(Result.NEUTRAL);
        assertThat(result("203.0.113.9", "a@example.com")).isEqualTo(Result.FAIL);
    }

    @Test
    void noMatchAndNoAllIsNeutral() {
        dns.txt("example.com", "v=spf1 ip4:192.0.2.1");
        assertThat(result("192.0.2.2", "a@example.com")).isEqualTo(Result.NEUTRAL);
    }

    @Test
    void aDomainWithoutRecordOrWithoutNameIsNone() {
        dns.txt("example.com", "some other text").txt("other.example", "v=spf10 -all");
        assertThat(result("192.0.2.1", "a@example.com")).isEqualTo(Result.NONE);
        assertThat(result("192.0.2.1", "a@other.example")).isEqualTo(Result.NONE);
        assertThat(result("192.0.2.1", "a@nowhere.example")).isEqualTo(Result.NONE);
        assertThat(result("192.0.2.1", "a@localhost")).isEqualTo(Result.NONE);
    }

    @Test
    void twoSpfRecordsAreAPermError() {
        dns.txt("example.com", "v=spf1 +all").txt("example.com", "v=spf1 -all");
        assertThat(result("192.0.2.1", "a@example.com")).isEqualTo(Result.PERMERROR);
    }

    @Test
    void syntaxErrorsAreAPermErrorEvenAfterAMatch() {
        dns.txt("a.example", "v=spf1 +all foo:bar")
                .txt("b.example", "v=spf1 ip4:192.0.2.1/33")
                .txt("c.example", "v=spf1 ip4:192.0.2.1/024")
                .txt("d.example", "v=spf1 a:foo.example.123")
                .txt("e.example", "v=spf1 redirect=x.example redirect=y.example")
                .txt("f.example", "v=spf1 exists:%{z}.example.com")
                .txt("g.example", "v=spf1 ip6:192.0.2.1")
                .txt("h.example", "v=spf1 include -all");
        for (String domain : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
            assertThat(result("192.0.2.1", "x@" + domain + ".example")).as(domain).isEqualTo(Result.PERMERROR);
        }
    }

    @Test
    void unknownModifiersAreIgnored() {
        dns.txt("example.com", "v=spf1 moo=cow ip4:192.0.2.1 -all");
        assertThat(result("192.0.2.1", "a@example.com")).isEqualTo(Result.PASS);
    }

    @Test
    void includeMatchesOnlyOnPass() {
        dns.txt("example.com", "v=spf1 include:pass.example include:fail.example ~all")
                .txt("pass.example", "v=spf1 ip4:192.0.2.1 -all")
                .txt("fail.example", "v=spf1 -all");
        assertThat(result("192.0.2.1", "a@example.com")).isEqualTo(Result.PASS);
        assertThat(result("192.0.2.2", "a@example.com")).as("the included -all does not match")
                .isEqualTo(Result.SOFTFAIL);
    }

    @Test
    void includeOfADomainWithoutRecordIsAPermError() {
        dns.txt("example.com", "v=spf1 include:none.example -all").a("none.example", "192.0.2.9");
        assertThat(result("192.0.2.1", "a@example.com")).isEqualTo(Result.PERMERROR);
    }

    @Test
    void dnsTroubleIsATempError() {
        dns.servfail("example.com").txt("inc.example", "v=spf1 include:broken.example -all")
                .servfail("broken.example").txt("a.example", "v=spf1 a:slow.example -all").timeout("slow.example");
        assertThat(result("192.0.2.1", "a@example.com")).isEqualTo(Result.TEMPERROR);
        assertThat(result("192.0.2.1", "a@inc.example")).isEqualTo(Result.TEMPERROR);
        assertThat(result("192.0.2.1", "a@a.example")).isEqualTo(Result.TEMPERROR);
    }

    @Test
    void redirectTakesTheTargetsResultUnlessAllIsPresent() {
        dns.txt("example.com", "v=spf1 ip4:192.0.2.1 redirect=_spf.example.net")
                .txt("_spf.example.net", "v=spf1 ip4:198.51.100.0/24 -all")
                .txt("withall.example", "v=spf1 ?all redirect=_spf.example.net")
                .txt("tonone.example", "v=spf1 redirect=nospf.example").a("nospf.example", "192.0.2.1");
        assertThat(result("192.0.2.1", "a@example.com")).isEqualTo(Result.PASS);
        assertThat(result("198.51.100.7", "a@example.com")).isEqualTo(Result.PASS);
        assertThat(result("203.0.113.1", "a@example.com")).isEqualTo(Result.FAIL);
        assertThat(result("203.0.113.1", "a@withall.example")).isEqualTo(Result.NEUTRAL);
        assertThat(result("203.0.113.1", "a@tonone.example")).isEqualTo(Result.PERMERROR);
    }

    @Test
    void aAndMxHonourTheirPrefixLengths() {
        dns.txt("example.com", "v=spf1 a/24 mx:mail.example.com//64 -all")
                .a("example.com", "192.0.2.10")
                .mx("mail.example.com", 10, "mx1.example.com")
                .aaaa("mx1.example.com", "2001:db8:1:2::25");
        assertThat(result("192.0.2.200", "a@example.com")).isEqualTo(Result.PASS);
        assertThat(result("192.0.3.1", "a@example.com")).isEqualTo(Result.FAIL);
        assertThat(result("2001:db8:1:2::99", "a@example.com")).isEqualTo(Result.PASS);
        assertThat(result("2001:db8:1:3::25", "a@example.com")).isEqualTo(Result.FAIL);
    }

    @Test
    void ip6MechanismMatchesIpv6ClientsOnly() {
        dns.txt("example.com", "v=spf1 ip6:2001:db8::/32 -all");
        assertThat(result("2001:db8:ffff::1", "a@example.com")).isEqualTo(Result.PASS);
        assertThat(result("2001:db9::1", "a@example.com")).isEqualTo(Result.FAIL);
        assertThat(result("192.0.2.1", "a@example.com")).isEqualTo(Result.FAIL);
    }

    @Test
    void ptrNeedsAValidatedNameWithinTheDomain() {
        dns.txt("example.com", "v=spf1 ptr -all")
                .ptr("192.0.2.5", "mail.example.com").a("mail.example.com", "192.0.2.5")
                .ptr("192.0.2.6", "forged.example.com").a("forged.example.com", "192.0.2.99")
                .ptr("192.0.2.7", "mail.elsewhere.example").a("mail.elsewhere.example", "192.0.2.7");
        assertThat(result("192.0.2.5", "a@example.com")).isEqualTo(Result.PASS);
        assertThat(result("192.0.2.6", "a@example.com")).isEqualTo(Result.FAIL);
        assertThat(result("192.0.2.7", "a@example.com")).isEqualTo(Result.FAIL);
    }

    @Test
    void existsWithMacrosLooksUpTheExpandedName() {
        dns.txt("example.com", "v=spf1 exists:%{ir}.%{l1r-}.lp._spf.%{d} -all")
                .a("5.2.0.192.strong.lp._spf.example.com", "127.0.0.2");
        assertThat(result("192.0.2.5", "strong-bad@example.com")).isEqualTo(Result.PASS);
        assertThat(result("192.0.2.6", "strong-bad@example.com")).isEqualTo(Result.FAIL);
        assertThat(dns.queries()).contains("6.2.0.192.strong.lp._spf.example.com. A");
    }

    @Test
    void nullSenderIsCheckedAsPostmasterOfTheHeloName() {
        dns.txt("mail.example.net", "v=spf1 exists:%{l}.%{d} -all").a("postmaster.mail.example.net", "127.0.0.2");
        assertThat(result("192.0.2.5", "")).isEqualTo(Result.PASS);
    }

    @Test
    void moreThanTenDnsLookupsIsAPermError() {
        // a chain of includes: each include counts, plus the final a
        for (int i = 0; i < 10; i++) {
            dns.txt("i" + i + ".example", "v=spf1 include:i" + (i + 1) + ".example -all");
        }
        dns.txt("i10.example", "v=spf1 a -all").a("i10.example", "192.0.2.1");
        dns.txt("i1.example", "v=spf1 include:i2.example -all");
        assertThat(result("192.0.2.1", "a@i1.example")).as("9 includes and one a: 10 lookups")
                .isEqualTo(Result.PASS);
        assertThat(result("192.0.2.1", "a@i0.example")).as("11 lookups").isEqualTo(Result.PERMERROR);
    }

    @Test
    void moreThanTwoVoidLookupsIsAPermError() {
        dns.txt("two.example", "v=spf1 a:nx1.example a:nx2.example ?all")
                .txt("three.example", "v=spf1 a:nx1.example a:nx2.example a:nx3.example ?all")
                .txt("nodata.example", "v=spf1 mx:nomx.example a:nx1.example exists:nx2.example ?all")
                .a("nomx.example", "192.0.2.200");
        assertThat(result("192.0.2.1", "a@two.example")).isEqualTo(Result.NEUTRAL);
        assertThat(result("192.0.2.1", "a@three.example")).isEqualTo(Result.PERMERROR);
        assertThat(result("192.0.2.1", "a@nodata.example")).as("NODATA counts as void too")
                .isEqualTo(Result.PERMERROR);
    }

    @Test
    void moreThanTenMxHostsIsAPermError() {
        dns.txt("example.com", "v=spf1 mx -all");
        for (int i = 0; i < 11; i++) {
            dns.mx("example.com", i, "mx" + i + ".example.com").a("mx" + i + ".example.com", "192.0.2." + (i + 1));
        }
        assertThat(result("192.0.2.1", "a@example.com")).isEqualTo(Result.PERMERROR);
    }

    @Test
    void failCarriesTheDomainsExplanation() {
        dns.txt("example.com", "v=spf1 mx -all exp=explain._spf.%{d}")
                .txt("explain._spf.example.com", "%{i} is not one of %{d}'s designated mail servers.");
        SpfResult result = check("192.0.2.3", "a@example.com");
        assertThat(result.result()).isEqualTo(Result.FAIL);
        assertThat(result.explanation()).isEqualTo("192.0.2.3 is not one of example.com's designated mail servers.");
    }

    @Test
    void failWithoutExpHasADefaultExplanation() {
        dns.txt("example.com", "v=spf1 -all exp=missing.example.com");
        SpfResult result = check("192.0.2.3", "a@example.com");
        assertThat(result.explanation()).isEqualTo("192.0.2.3 is not allowed to send mail for example.com");
    }

    @Test
    void receivedSpfHeaderNamesResultClientSenderAndHelo() {
        dns.txt("example.com", "v=spf1 ip4:192.0.2.3 -all");
        assertThat(check("192.0.2.3", "a@example.com").receivedSpf("mx.local.example")).isEqualTo(
                "pass (mx.local.example: domain of a@example.com designates 192.0.2.3 as permitted sender) "
                        + "client-ip=192.0.2.3; envelope-from=\"a@example.com\"; helo=mail.example.net;");
    }
}
