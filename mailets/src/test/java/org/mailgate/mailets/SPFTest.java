package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.spf.SpfAttributes;
import org.mailgate.dns.DnsJavaResolver;
import org.mailgate.dns.DnsServiceConfig;
import org.mailgate.dns.spf.SpfEvaluator;
import org.mailgate.testkit.dns.LoopbackDnsServer;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

/** The SPF mailet with the real evaluator, asking the loopback DNS server. */
class SPFTest {

    private final LoopbackDnsServer dns = LoopbackDnsServer.start();
    private final DnsJavaResolver resolver = new DnsJavaResolver(new DnsServiceConfig(
            List.of(new InetSocketAddress("127.0.0.1", dns.port())), false, 1000, Duration.ofMinutes(5),
            Duration.ofSeconds(1)));
    private final RecordingMailetContext context = new RecordingMailetContext("local.example");

    {
        resolver.start();
        dns.txt("example.com", "v=spf1 ip4:192.0.2.0/24 -all");
    }

    @AfterEach
    void stop() {
        resolver.stop();
        dns.close();
    }

    private SPF mailet(String... parameters) throws MessagingException {
        SPF mailet = new SPF(new SpfEvaluator(resolver, Clock.systemUTC()));
        FakeMailetConfig config = FakeMailetConfig.of("SPF", context);
        for (int i = 0; i < parameters.length; i += 2) {
            config.param(parameters[i], parameters[i + 1]);
        }
        mailet.init(config);
        return mailet;
    }

    private static Mail mail(String remoteAddr, Attribute... attributes) throws MessagingException {
        FakeMail builder = FakeMail.builder().sender("alice@example.com").recipients("bob@local.example")
                .remoteAddr(remoteAddr).remoteHost(remoteAddr)
                .attribute(new Attribute(Mail.SMTP_HELO, AttributeValue.of("mail.example.com")))
                .header("Subject", "hi").body("hello\r\n");
        for (Attribute attribute : attributes) {
            builder.attribute(attribute);
        }
        return builder.build();
    }

    private static Optional<Object> attribute(Mail mail, String name) {
        return mail.getAttribute(AttributeName.of(name)).map(a -> a.getValue().value());
    }

    @Test
    void recordsResultAndExplanationWithoutAHeaderByDefault() throws Exception {
        Mail pass = mail("192.0.2.7");
        Mail fail = mail("198.51.100.7");
        SPF mailet = mailet();
        mailet.service(pass);
        mailet.service(fail);
        assertThat(attribute(pass, SpfAttributes.RESULT)).contains("pass");
        assertThat(attribute(fail, SpfAttributes.RESULT)).contains("fail");
        assertThat(attribute(fail, SpfAttributes.EXPLANATION)).contains(
                "198.51.100.7 is not allowed to send mail for example.com");
        assertThat(pass.getMessage().getHeader(SPF.HEADER_NAME)).isNull();
    }

    @Test
    void addHeaderWritesReceivedSpf() throws Exception {
        Mail mail = mail("198.51.100.7");
        mailet("addHeader", "true", "debug", "true").service(mail);
        String[] headers = mail.getMessage().getHeader(SPF.HEADER_NAME);
        assertThat(headers).hasSize(1);
        assertThat(headers[0].replaceAll("\\r\\n\\s+", " ")).startsWith("fail (").contains(
                "domain of alice@example.com does not designate 198.51.100.7 as permitted sender",
                "client-ip=198.51.100.7;", "envelope-from=\"alice@example.com\";", "helo=mail.example.com;");
    }

    @Test
    void theSmtpServersResultIsUsedWithoutAskingDnsAgain() throws Exception {
        Mail mail = mail("192.0.2.7",
                new Attribute(AttributeName.of(SpfAttributes.RESULT), AttributeValue.of("softfail")),
                new Attribute(AttributeName.of(SpfAttributes.HEADER), AttributeValue.of("softfail (mx: test)")));
        mailet("addHeader", "true").service(mail);
        assertThat(attribute(mail, SpfAttributes.RESULT)).contains("softfail");
        assertThat(mail.getMessage().getHeader(SPF.HEADER_NAME)).containsExactly("softfail (mx: test)");
        assertThat(dns.queries()).isEmpty();
    }

    @Test
    void loopbackClientsAreNotChecked() throws Exception {
        Mail mail = mail("127.0.0.1");
        mailet("addHeader", "true").service(mail);
        assertThat(attribute(mail, SpfAttributes.RESULT)).isEmpty();
        assertThat(dns.queries()).isEmpty();
    }

    @Test
    void unknownParametersAreRefused() {
        assertThatThrownBy(() -> mailet("addHeaders", "true")).isInstanceOf(MessagingException.class)
                .hasMessageContaining("addHeaders");
    }
}
