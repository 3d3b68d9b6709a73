package org.mailgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;

class WebAdminConfigTest {

    @TempDir
    Path conf;
    final ConfigReport report = new ConfigReport();

    WebAdminConfig read(String text) throws Exception {
        Files.writeString(conf.resolve("webadmin.properties"), text);
        return WebAdminConfig.read(conf, report);
    }

    @Test
    void withoutAFileTheApiListensOnLoopbackPort8000WithAGeneratedToken() {
        assertThat(WebAdminConfig.read(conf, report)).isEqualTo(new WebAdminConfig(true, "127.0.0.1", 8000, Optional.empty(),
                Duration.ofMinutes(15), Set.of()));
        assertThat(report.hasErrors()).isFalse();
    }

    @Test
    void readsJamesKeysAndAToken() throws Exception {
        WebAdminConfig config = read("# comment\nenabled = false\nhost=::1\nport: 8081\ntoken=abcdefghijklmnopqrstuvwxyz\n"
                + "health.maxReadyAge = 2 hours\n");

        assertThat(config).isEqualTo(new WebAdminConfig(false, "::1", 8081, Optional.of("abcdefghijklmnopqrstuvwxyz"),
                Duration.ofHours(2), Set.of()));
        assertThat(config.toString()).doesNotContain("abcdefghijklmnop");
        assertThat(report.hasErrors()).isFalse();
    }

    @Test
    void unknownKeysAndBadValuesNameFileLineAndKey() throws Exception {
        read("enabled=yes\nport=70000\nprot=8000\ntoken=short\nhost=\nport=1\nhealth.maxReadyAge=soon\n"
                + "health.maxReadyAge=0m\n");

        assertThat(report.errors()).extracting(ConfigError::line).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(report.errors()).allSatisfy(e -> assertThat(e.file()).endsWith("/webadmin.properties"));
        assertThat(report.errors()).extracting(ConfigError::message).satisfiesExactly(
                m -> assertThat(m).startsWith("enabled: expected true or false"),
                m -> assertThat(m).startsWith("port: expected a port number"),
                m -> assertThat(m).contains("unknown key 'prot'").contains("enabled, host, port, token"),
                m -> assertThat(m).startsWith("token: expected at least 16 characters"),
                m -> assertThat(m).startsWith("host: expected"),
                m -> assertThat(m).isEqualTo("port: given twice"),
                m -> assertThat(m).startsWith("health.maxReadyAge: expected a positive duration").contains("'soon'"),
                m -> assertThat(m).isEqualTo("health.maxReadyAge: given twice"));
    }

    @Test
    void metricsDestinationsAreDomainsInLowerCase() throws Exception {
        WebAdminConfig config = read("metrics.destinations = Example.COM, example.net  gmail.com,\n");

        assertThat(report.hasErrors()).isFalse();
        assertThat(config.metricsDestinations()).containsExactlyInAnyOrder("example.com", "example.net", "gmail.com");
    }

    @Test
    void aMetricsDestinationThatIsNoDomainIsAnError() throws Exception {
        WebAdminConfig config = read("metrics.destinations=example.com, *.example.net\n");

        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.message()).startsWith("metrics.destinations: expected domain names").contains("'example.com, "
                    + "*.example.net'");
        });
        assertThat(config.metricsDestinations()).isEmpty();
    }

    @Test
    void theShippedFileIsValid() {
        WebAdminConfig shipped = WebAdminConfig.read(Path.of("../../conf"), report);

        assertThat(report.errors()).isEmpty();
        assertThat(shipped).isEqualTo(WebAdminConfig.defaults());
    }
}
