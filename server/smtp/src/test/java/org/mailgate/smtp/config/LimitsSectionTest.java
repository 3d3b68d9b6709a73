package org.mailgate.smtp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.XmlConfigFile;

class LimitsSectionTest {

    final ConfigReport report = new ConfigReport();

    SmtpServerConfig parse(String elements) throws Exception {
        String xml = "<smtpservers><smtpserver><bind>127.0.0.1:0</bind><helloName>mx.example</helloName>"
                + elements + "</smtpserver></smtpservers>";
        return SmtpServersConfig.parse(XmlConfigFile.parse(new ByteArrayInputStream(
                xml.getBytes(StandardCharsets.UTF_8)), "smtpserver.xml"), report).servers().get(0);
    }

    String errors() {
        return String.join("\n", report.errors().stream().map(ConfigError::toString).toList());
    }

    @Test
    void withoutElementsTheDocumentedDefaultsApply() throws Exception {
        assertThat(parse("").limits()).isEqualTo(LimitsConfig.DEFAULTS);
        assertThat(report.hasErrors()).isFalse();
    }

    @Test
    void everyElementIsRead() throws Exception {
        LimitsConfig limits = parse("""
                <connectionRatePerIP>7</connectionRatePerIP>
                <maxMessagesPerConnection>8</maxMessagesPerConnection>
                <maxRecipientsPerConnection>9</maxRecipientsPerConnection>
                <messageRatePerIP>10</messageRatePerIP>
                <recipientRatePerIP>11</recipientRatePerIP>
                <maxErrors>12</maxErrors>
                <maxSessionTime>600</maxSessionTime>
                <greetingDelay>5</greetingDelay>
                <maxHeaderCount>300</maxHeaderCount>
                <maxHeaderSize>256K</maxHeaderSize>
                <proxyRequired>true</proxyRequired>
                <trustedProxies>10.0.0.5, 2001:db8::/64</trustedProxies>
                <proxyTimeout>3</proxyTimeout>
                """).limits();
        assertThat(errors()).isEmpty();
        assertThat(limits).isEqualTo(new LimitsConfig(7, 8, 9, 10, 11, 12, Duration.ofMinutes(10),
                Duration.ofSeconds(5), 300, 256 * 1024, limits.proxy()));
        assertThat(limits.proxy().required()).isTrue();
        assertThat(limits.proxy().trusted().contains(InetAddress.getByName("2001:db8::9"))).isTrue();
        assertThat(limits.proxy().trusted().contains(InetAddress.getByName("10.0.0.6"))).isFalse();
        assertThat(limits.proxy().timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void useProxyProtocolIsASynonymOfProxyRequired() throws Exception {
        assertThat(parse("<useProxyProtocol>true</useProxyProtocol><trustedProxies>10.0.0.5</trustedProxies>")
                .limits().proxy().required()).isTrue();
        assertThat(errors()).isEmpty();
    }

    @Test
    void theProxyProtocolNeedsTrustedProxies() throws Exception {
        parse("<proxyRequired>true</proxyRequired>");
        assertThat(errors()).contains("smtpserver.xml:1:").contains("<trustedProxies> names no proxy");
    }

    @Test
    void trustedProxiesWithoutTheProxyProtocolAreAnError() throws Exception {
        parse("<trustedProxies>10.0.0.5</trustedProxies>");
        assertThat(errors()).contains("<trustedProxies> has no effect");
    }

    @Test
    void badValuesNameTheSettingAndWhatWasExpected() throws Exception {
        parse("<maxErrors>-1</maxErrors><greetingDelay>soon</greetingDelay><maxHeaderSize>big</maxHeaderSize>"
                + "<proxyRequired>true</proxyRequired><trustedProxies>proxy.example</trustedProxies>"
                + "<maxSessionTimeout>5</maxSessionTimeout>");
        assertThat(errors())
                .contains("<maxErrors> must be between 0 and 1000000, not -1")
                .contains("<greetingDelay> must be a whole number, not 'soon'")
                .contains("<maxHeaderSize> must be kilobytes")
                .contains("<trustedProxies>: not an IP address or network: proxy.example")
                .contains("unknown element <maxSessionTimeout>");
    }

    @Test
    void theShippedSmtpserverXmlIsValidAndStatesTheDefaults() {
        SmtpServersConfig config = SmtpServersConfig.read(Path.of("../../conf"), report);
        assertThat(errors()).isEmpty();
        assertThat(config.servers().get(0).limits()).as("the values written in conf/ are the defaults it documents")
                .isEqualTo(LimitsConfig.DEFAULTS);
    }
}
