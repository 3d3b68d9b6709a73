package org.mailgate.smtp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressTextTest {

    static String ip(String address) throws Exception {
        return AddressText.ip(InetAddress.getByName(address));
    }

    @Test
    void ipv6IsWrittenInTheCanonicalRfc5952Form() throws Exception {
        assertThat(ip("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(ip("::")).isEqualTo("::");
        assertThat(ip("2001:0DB8:0:0:0:0:0:7")).isEqualTo("2001:db8::7");
        assertThat(ip("2001:db8:0:1:1:1:1:1")).as("one zero group stays").isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(ip("2001:db8:0:0:1:0:0:1")).as("the first of equal runs").isEqualTo("2001:db8::1:0:0:1");
        assertThat(ip("2001:0:0:1:0:0:0:1")).as("the longest run").isEqualTo("2001:0:0:1::1");
        assertThat(ip("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
        assertThat(ip("192.0.2.1")).isEqualTo("192.0.2.1");
    }

    @Test
    void addressLiteralsFollowRfc5321() throws Exception {
        assertThat(AddressText.literal(InetAddress.getByName("::1"))).isEqualTo("IPv6:::1");
        assertThat(AddressText.literal(InetAddress.getByName("192.0.2.1"))).isEqualTo("192.0.2.1");
    }
}
