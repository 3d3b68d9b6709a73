package org.mailgate.smtp.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;

/** {@code <bind>}: what can be listened on together. */
class BindTest {

    @Test
    void bothWildcardsOnOnePortAreRefusedBecauseTheIpv6OneTakesIpv4Too() throws Exception {
        ConfigReport report = new ConfigReport();
        ShippedSmtpServerXmlTest.parse("""
                <smtpservers>
                  <smtpserver>
                    <bind>0.0.0.0:2525, [::]:2525</bind>
                  </smtpserver>
                </smtpservers>
                """, report);

        assertThat(report.errors()).extracting(ConfigError::toString).singleElement().asString()
                .contains("smtpserver.xml:3").contains("[::] already takes IPv4 connections too");
    }

    @Test
    void wildcardsOnDifferentPortsAndTheTwoLoopbacksOnOnePortAreFine() throws Exception {
        ConfigReport report = new ConfigReport();
        SmtpServersConfig config = ShippedSmtpServerXmlTest.parse("""
                <smtpservers>
                  <smtpserver>
                    <bind>0.0.0.0:2525, [::]:2526, 127.0.0.1:2527, [::1]:2527</bind>
                  </smtpserver>
                </smtpservers>
                """, report);

        assertThat(report.errors()).isEmpty();
        assertThat(config.servers().get(0).bind()).hasSize(4);
    }
}
