package org.mailgate.spool.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.james.core.Domain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.domain.LocalDomain;
import org.mailgate.spool.Database;
import org.mailgate.spool.H2Domains;
import org.mailgate.spool.SpoolSettings;

/** The local domains: those of domainlist.xml joined by those stored, on a real H2 store. */
class ConfiguredDomainListTest {

    static final Domain FILE_DOMAIN = Domain.of("local.example");
    static final Domain ADDED = Domain.of("added.example");

    @TempDir
    Path dir;
    Database database;
    ConfiguredDomainList domains;

    @BeforeEach
    void open() throws Exception {
        database = new Database(SpoolSettings.defaults(dir.resolve("var")));
        database.start();
        domains = new ConfiguredDomainList(read("""
                <domainlist>
                  <domainnames>
                    <domainname>local.example</domainname>
                  </domainnames>
                </domainlist>
                """), new H2Domains(database));
    }

    @AfterEach
    void close() {
        database.stop();
    }

    DomainListConfig read(String xml) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve(DomainListConfig.FILE), xml);
        ConfigReport report = new ConfigReport();
        DomainListConfig config = DomainListConfig.read(conf, report);
        report.throwIfErrors();
        return config;
    }

    @Test
    void anAddedDomainIsLocalAtOnceAndListedAfterTheFilesOnes() {
        assertThat(domains.isLocal(ADDED)).isFalse();

        assertThat(domains.add(ADDED)).isTrue();

        assertThat(domains.isLocal(ADDED)).isTrue();
        assertThat(domains.domains()).containsExactly(FILE_DOMAIN, ADDED);
        assertThat(domains.list()).containsExactly(
                new LocalDomain(FILE_DOMAIN, Optional.of("conf/domainlist.xml:3")),
                new LocalDomain(ADDED, Optional.empty()));
        assertThat(domains.add(ADDED)).as("added twice").isFalse();
        assertThat(domains.add(FILE_DOMAIN)).as("in the file").isFalse();
    }

    @Test
    void aStoredDomainSurvivesARestartAndAReloadAndIsRemoved() throws Exception {
        domains.add(ADDED);
        database.stop();
        database = new Database(SpoolSettings.defaults(dir.resolve("var")));
        database.start();
        ConfiguredDomainList reopened = new ConfiguredDomainList(read("<domainlist/>"), new H2Domains(database));
        assertThat(reopened.isLocal(ADDED)).isTrue();

        reopened.replace(read("<domainlist><domainnames><domainname>other.example</domainname></domainnames></domainlist>"));

        assertThat(reopened.domains()).containsExactly(Domain.of("other.example"), ADDED);
        assertThat(reopened.remove(ADDED)).isTrue();
        assertThat(reopened.isLocal(ADDED)).isFalse();
        assertThat(reopened.remove(ADDED)).isFalse();
    }

    @Test
    void aDomainOfTheFileCannotBeRemovedAndTheMessageSaysWhereItIs() {
        assertThatThrownBy(() -> domains.remove(FILE_DOMAIN)).isInstanceOf(IllegalStateException.class)
                .hasMessage("domain local.example is configured in conf/domainlist.xml at line 3: remove it there "
                        + "and reload");
        assertThat(domains.isLocal(FILE_DOMAIN)).isTrue();
    }
}
