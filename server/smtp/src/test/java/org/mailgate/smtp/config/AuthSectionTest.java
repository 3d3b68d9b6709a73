package org.mailgate.smtp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.XmlConfigFile;
import org.mailgate.smtp.config.AuthConfig.Announce;
import org.mailgate.smtp.config.AuthConfig.VerifyIdentity;

class AuthSectionTest {

    final ConfigReport report = new ConfigReport();

    AuthConfig parse(String serverChildren) throws Exception {
        String xml = "<smtpservers><smtpserver><bind>127.0.0.1:0</bind>" + serverChildren
                + "</smtpserver></smtpservers>";
        var root = XmlConfigFile.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                "smtpserver.xml");
        return SmtpServersConfig.parse(root, report).servers().get(0).auth();
    }

    @Test
    void withoutAuthTheServerIsAnMxThatOffersNoAuth() throws Exception {
        AuthConfig auth = parse("");

        assertThat(auth).isEqualTo(AuthConfig.defaults());
        assertThat(auth.plainAuthEnabled()).isFalse();
        assertThat(auth.announce()).isEqualTo(Announce.NEVER);
        assertThat(auth.required()).isFalse();
        assertThat(auth.verifyIdentity()).isEqualTo(VerifyIdentity.STRICT);
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void anEmptyAuthBlockOffersPlainAndLoginOverTlsToUnauthorizedClients() throws Exception {
        AuthConfig auth = parse("<auth/>");

        assertThat(auth).isEqualTo(AuthConfig.enabled());
        assertThat(auth.plainAuthEnabled()).isTrue();
        assertThat(auth.requireSSL()).isTrue();
        assertThat(auth.announce()).isEqualTo(Announce.FOR_UNAUTHORIZED_ADDRESSES);
        assertThat(auth.required()).isFalse();
    }

    @Test
    void aSubmissionBlockIsReadWithJamesNames() throws Exception {
        AuthConfig auth = parse("""
                <auth><announce>forUnauthorizedAddresses</announce><requireSSL>false</requireSSL>
                <plainAuthEnabled>true</plainAuthEnabled><required>true</required>
                <maxFailuresPerSession>5</maxFailuresPerSession><maxFailuresPerAddress>20</maxFailuresPerAddress>
                <failureWindow>1h</failureWindow></auth>
                <verifyIdentity>relaxed</verifyIdentity>""");

        assertThat(report.errors()).isEmpty();
        assertThat(auth).isEqualTo(new AuthConfig(Announce.FOR_UNAUTHORIZED_ADDRESSES, false, true, true,
                VerifyIdentity.RELAXED, 5, 20, Duration.ofHours(1)));
    }

    @Test
    void jamesBooleansForVerifyIdentity() throws Exception {
        assertThat(parse("<verifyIdentity>true</verifyIdentity>").verifyIdentity()).isEqualTo(VerifyIdentity.STRICT);
        assertThat(parse("<verifyIdentity>false</verifyIdentity>").verifyIdentity())
                .isEqualTo(VerifyIdentity.DISABLED);
        assertThat(parse("<verifyIdentity>disabled</verifyIdentity>").verifyIdentity())
                .isEqualTo(VerifyIdentity.DISABLED);
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void badValuesAreErrorsNamingTheSetting() throws Exception {
        parse("""
                <auth><announce>sometimes</announce><failureWindow>soon</failureWindow><colour>red</colour>
                </auth><verifyIdentity>maybe</verifyIdentity>""");

        assertThat(report.errors()).extracting(ConfigError::toString)
                .anyMatch(e -> e.contains("<announce> must be always, never or forUnauthorizedAddresses"))
                .anyMatch(e -> e.contains("<failureWindow> must be a positive duration"))
                .anyMatch(e -> e.contains("colour"))
                .anyMatch(e -> e.contains("<verifyIdentity> must be strict, relaxed or disabled"));
    }

    @Test
    void requiringAuthWithoutMechanismsIsAnError() throws Exception {
        parse("<auth><required>true</required><plainAuthEnabled>false</plainAuthEnabled></auth>");

        assertThat(report.errors()).extracting(ConfigError::toString)
                .anyMatch(e -> e.contains("no client could ever send mail"));
    }
}
