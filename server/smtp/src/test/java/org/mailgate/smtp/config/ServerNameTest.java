package org.mailgate.smtp.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;

/** {@code <jmxName>}: it names a server in logs and in the metrics' {@code server} label, so it must be its own. */
class ServerNameTest {

    @Test
    void twoServersWithOneNameAreRefusedBecauseTheirMetricsWouldMerge() throws Exception {
        ConfigReport report = new ConfigReport();
        ShippedSmtpServerXmlTest.parse("""
                <smtpservers>
                  <smtpserver>
                    <jmxName>smtp</jmxName>
                    <bind>127.0.0.1:2525</bind>
                  </smtpserver>
                  <smtpserver>
                    <jmxName>smtp</jmxName>
                    <bind>127.0.0.1:2526</bind>
                  </smtpserver>
                </smtpservers>
                """, report);

        assertThat(report.errors()).extracting(ConfigError::toString).singleElement().asString()
                .contains("smtpserver.xml:7").contains("'smtp'").contains("another <smtpserver>");
    }

    @Test
    void aNameTakingAnotherServersDefaultNameIsRefusedToo() throws Exception {
        ConfigReport report = new ConfigReport();
        ShippedSmtpServerXmlTest.parse("""
                <smtpservers>
                  <smtpserver>
                    <jmxName>smtpserver-2</jmxName>
                    <bind>127.0.0.1:2525</bind>
                  </smtpserver>
                  <smtpserver>
                    <bind>127.0.0.1:2526</bind>
                  </smtpserver>
                </smtpservers>
                """, report);

        assertThat(report.errors()).extracting(ConfigError::toString).singleElement().asString()
                .contains("'smtpserver-2'");
    }

    @Test
    void distinctNamesAreFine() throws Exception {
        ConfigReport report = new ConfigReport();
        SmtpServersConfig config = ShippedSmtpServerXmlTest.parse("""
                <smtpservers>
                  <smtpserver>
                    <jmxName>smtp</jmxName>
                    <bind>127.0.0.1:2525</bind>
                  </smtpserver>
                  <smtpserver>
                    <bind>127.0.0.1:2526</bind>
                  </smtpserver>
                </smtpservers>
                """, report);

        assertThat(report.errors()).isEmpty();
        assertThat(config.servers()).extracting(SmtpServerConfig::name).containsExactly("smtp", "smtpserver-2");
    }
}
