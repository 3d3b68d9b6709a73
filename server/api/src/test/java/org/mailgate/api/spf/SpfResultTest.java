package org.mailgate.api.spf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailgate.api.net.IpLiteral;

class SpfResultTest {

    private static SpfQuery query(String sender, String helo) {
        return new SpfQuery(IpLiteral.parse("2001:db8::1").orElseThrow(), sender, helo);
    }

    @Test
    void theNullSenderIsCheckedAsPostmasterOfTheHeloName() {
        assertThat(query("", "mail.example.org").identity()).isEqualTo("postmaster@mail.example.org");
        assertThat(query("", "mail.example.org").domain()).isEqualTo("mail.example.org");
        assertThat(query("a@Example.ORG", "x").domain()).isEqualTo("example.org");
    }

    @Test
    void ipv6ClientsAreWrittenInTheirShortForm() {
        for (String[] c : new String[][] {{"2001:db8:0:0:0:0:0:1", "2001:db8::1"}, {"::1", "::1"},
                {"2001:db8:0:1:0:0:0:0", "2001:db8:0:1::"}, {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"},
                {"2001:db8:1:1:1:1:1:1", "2001:db8:1:1:1:1:1:1"}, {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},
                {"192.0.2.1", "192.0.2.1"}}) {
            assertThat(new SpfQuery(IpLiteral.parse(c[0]).orElseThrow(), "", "h").clientText()).as(c[0])
                    .isEqualTo(c[1]);
        }
    }

    @Test
    void clientChosenTextCannotForgeFieldsOfTheHeader() {
        SpfResult result = new SpfResult(SpfResult.Result.PERMERROR, "bad (record)",
                query("\"a\\\"b\"@example.org", "x; client-ip=192.0.2.1"));
        String header = result.receivedSpf("mx.example.net");
        assertThat(header).startsWith("permerror (mx.example.net: error in processing during lookup of ")
                .contains("bad [record]")
                .contains("client-ip=2001:db8::1;")
                .contains("envelope-from=\"\\\"a\\\\\\\"b\\\"@example.org\";")
                .endsWith("helo=\"x; client-ip=192.0.2.1\";");
        assertThat(header.indexOf(')')).isEqualTo(header.lastIndexOf(')'));
    }
}
