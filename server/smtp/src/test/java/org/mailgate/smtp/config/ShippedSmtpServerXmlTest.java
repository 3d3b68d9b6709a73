package org.mailgate.smtp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.XmlConfigFile;
import org.mailgate.smtp.config.AuthConfig.Announce;
import org.mailgate.smtp.config.AuthConfig.VerifyIdentity;

/** conf/smtpserver.xml as shipped: an MX without AUTH, and submission blocks one edit away. */
class ShippedSmtpServerXmlTest {

    static final Path SHIPPED = Path.of("../../conf/smtpserver.xml");

    static SmtpServersConfig parse(String xml, ConfigReport report) throws Exception {
        return SmtpServersConfig.parse(XmlConfigFile.parse(new ByteArrayInputStream(
                xml.getBytes(StandardCharsets.UTF_8)), "smtpserver.xml"), report);
    }

    @Test
    void theMxOffersNoAuthAndChecksSendersStrictly() throws Exception {
        ConfigReport report = new ConfigReport();
        SmtpServersConfig config = parse(Files.readString(SHIPPED), report);

        assertThat(report.errors()).isEmpty();
        assertThat(config.servers()).hasSize(1);
        AuthConfig mx = config.servers().get(0).auth();
        assertThat(mx.plainAuthEnabled()).isFalse();
        assertThat(mx.verifyIdentity()).isEqualTo(VerifyIdentity.STRICT);
    }

    @Test
    void enablingASubmissionBlockGivesTheSubmissionRole() throws Exception {
        ConfigReport report = new ConfigReport();
        SmtpServersConfig config = parse(Files.readString(SHIPPED).replace("enabled=\"false\"", "enabled=\"true\""),
                report);

        assertThat(report.errors()).isEmpty();
        assertThat(config.servers()).hasSize(3);
        assertThat(config.servers().get(1).tls().startTls()).isTrue();
        assertThat(config.servers().get(2).tls().socketTls()).isTrue();
        for (SmtpServerConfig submission : config.servers().subList(1, 3)) {
            assertThat(submission.auth().required()).isTrue();
            assertThat(submission.auth().requireSSL()).isTrue();
            assertThat(submission.auth().plainAuthEnabled()).isTrue();
            assertThat(submission.auth().announce()).isEqualTo(Announce.ALWAYS);
        }
        assertThat(config.servers()).extracting(s -> s.bind().get(0).getPort()).containsExactly(2525, 587, 465);
    }
}
