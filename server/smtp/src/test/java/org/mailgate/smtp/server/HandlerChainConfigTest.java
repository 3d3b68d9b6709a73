package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.net.NetworkList;
import org.mailgate.smtp.config.SmtpServersConfig;
import org.mailgate.smtp.hook.config.CheckSpec;
import org.mailgate.smtp.hook.config.HandlerChain;
import org.mailgate.smtp.session.SessionServices;

/** {@code <handlerchain>} in {@code smtpserver.xml}: names, parameters, and errors with file and line. */
class HandlerChainConfigTest {

    @TempDir
    Path conf;
    final ConfigReport report = new ConfigReport();

    private HandlerChain chain(String handlers) throws IOException {
        Files.writeString(conf.resolve(SmtpServersConfig.FILE), "<smtpservers>\n<smtpserver>\n<handlerchain>\n"
                + handlers + "\n</handlerchain>\n</smtpserver>\n</smtpservers>\n");
        return SmtpServersConfig.read(conf, report).servers().get(0).handlerChain();
    }

    private List<String> errors() {
        return report.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void jamesClassNamesAndShortNamesGiveTheChecksInOrder() throws IOException {
        HandlerChain chain = chain("""
                <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
                <handler class="HeloSyntax"/>
                <handler class="org.apache.james.smtpserver.fastfail.DNSRBLHandler">
                  <getDetail>true</getDetail>
                  <rblservers>
                    <whitelist>wl.example</whitelist>
                    <blacklist>zen.example, bl.example.</blacklist>
                    <blacklist reply="Listed: {ip}">own.example</blacklist>
                  </rblservers>
                  <allowedNetworks>192.0.2.0/24</allowedNetworks>
                </handler>
                <handler class="org.apache.james.protocols.smtp.core.fastfail.ResolvableEhloHeloHandler"/>
                <handler class="ForwardConfirmedReverseDns"/>
                <handler class="ValidSenderDomainHandler"/>
                <handler class="org.apache.james.smtpserver.fastfail.SPFHandler">
                  <blockSoftFail>true</blockSoftFail>
                </handler>
                <handler class="org.apache.james.smtpserver.fastfail.ValidRcptHandler"/>""");
        assertThat(errors()).isEmpty();
        assertThat(chain.checks()).hasSize(7);
        assertThat(chain.checks().get(0)).isEqualTo(new CheckSpec.HeloSyntax());
        CheckSpec.Dnsbl dnsbl = (CheckSpec.Dnsbl) chain.checks().get(1);
        assertThat(dnsbl.blocklists()).extracting(CheckSpec.BlockList::zone)
                .containsExactly("zen.example", "bl.example", "own.example");
        assertThat(dnsbl.blocklists().get(2).reply()).contains("Listed: {ip}");
        assertThat(dnsbl.allowlists()).containsExactly("wl.example");
        assertThat(dnsbl.getDetail()).isTrue();
        assertThat(dnsbl.allowedNetworks().contains(NetworkList.parse("192.0.2.7").networks().get(0).network()))
                .isTrue();
        assertThat(chain.checks().subList(2, 7)).containsExactly(new CheckSpec.ResolvableHelo(),
                new CheckSpec.ForwardConfirmedReverseDns(), new CheckSpec.ValidSenderDomain(),
                new CheckSpec.Spf(true, true), new CheckSpec.ValidRcpt(true));
    }

    @Test
    void theShippedExampleIsOffAndValidOnceItsMarkerLinesAreDeleted() throws IOException {
        String shipped = Files.readString(Path.of("../../conf/smtpserver.xml"));
        Files.writeString(conf.resolve(SmtpServersConfig.FILE), shipped);
        assertThat(SmtpServersConfig.read(conf, report).servers().get(0).handlerChain().checks()).isEmpty();

        String enabled = shipped.lines().filter(line -> !line.contains("SENDER CHECKS"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(enabled).isNotEqualTo(shipped);
        Files.writeString(conf.resolve(SmtpServersConfig.FILE), enabled);
        HandlerChain chain = SmtpServersConfig.read(conf, report).servers().get(0).handlerChain();
        assertThat(errors()).isEmpty();
        assertThat(chain.checks()).hasSize(7);
    }

    @Test
    void anUnknownHandlerIsAnErrorNamingFileLineAndTheAllowedNames() throws IOException {
        chain("<handler class=\"org.apache.james.smtpserver.fastfail.SpamAssassinHandler\"/>");
        assertThat(errors()).singleElement().asString()
                .contains("smtpserver.xml:4")
                .contains("SpamAssassinHandler")
                .contains("org.apache.james.smtpserver.fastfail.SPFHandler");
    }

    @Test
    void anUnknownParameterIsAnErrorNamingItsLine() throws IOException {
        chain("<handler class=\"SPFHandler\">\n<blockSoftfail>true</blockSoftfail>\n</handler>");
        assertThat(errors()).singleElement().asString().contains("smtpserver.xml:5").contains("blockSoftfail")
                .contains("blockSoftFail");
    }

    @Test
    void badValuesAndAnEmptyBlockListAreErrors() throws IOException {
        chain("<handler class=\"SPFHandler\"><blockPermError>maybe</blockPermError></handler>\n"
                + "<handler class=\"DNSRBLHandler\"><rblservers><whitelist>wl.example</whitelist></rblservers>"
                + "</handler>\n<handler class=\"Dnsbl\"><rblservers><blacklist>not a zone</blacklist></rblservers>"
                + "</handler>\n<handler class=\"HeloSyntax\"><strict>true</strict></handler>");
        assertThat(errors()).hasSize(4).anySatisfy(e -> assertThat(e).contains("maybe"))
                .anySatisfy(e -> assertThat(e).contains("at least one <blacklist>"))
                .anySatisfy(e -> assertThat(e).contains("'not a zone'"))
                .anySatisfy(e -> assertThat(e).contains("<strict>"));
    }

    @Test
    void aCheckWhoseCollaboratorIsMissingStopsTheStart() throws IOException {
        HandlerChain chain = chain("<handler class=\"ValidRcptHandler\"/>");
        SmtpServersConfig config = new SmtpServersConfig(List.of(SmtpServerTest.config("127.0.0.0/8")
                .withHandlerChain(chain)));
        SmtpServer server = new SmtpServer(config, new SessionServices(new RecordingSpool(), SmtpServerTest.LOCAL,
                Clock.systemUTC()), Duration.ofSeconds(1));
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ValidRcptHandler").hasMessageContaining("Users");
    }
}
