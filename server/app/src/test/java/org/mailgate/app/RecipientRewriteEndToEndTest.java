package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.droplist.DropList;
import org.mailgate.api.droplist.DropListEntry;
import org.mailgate.api.droplist.DropListOwner;
import org.mailgate.api.repository.MailRepository;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.MappingStore;
import org.mailgate.app.config.MailgateConfig;
import org.mailgate.spool.H2OutgoingQueues;
import org.mailgate.spool.SpoolStore;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * recipientrewritetable.xml, the stored mappings and the drop list, wired into a running gateway: SMTP
 * in, the pipeline with RecipientRewriteTable and IsInDropList, delivery to a recording peers.sink().
 */
class RecipientRewriteEndToEndTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    private Path conf(String mappings) throws Exception {
        Path conf = peers.conf()
                .rootMailets("<mailet notmatch=\"IsInDropList\" class=\"Null\"/>")
                .transportMailets("<mailet match=\"All\" class=\"RecipientRewriteTable\"/>")
                .writeTo(tmp.resolve("conf"));
        Files.writeString(conf.resolve("recipientrewritetable.xml"), """
                <recipientrewritetable>
                  <recursiveMapping>true</recursiveMapping>
                  <mappingLimit>10</mappingLimit>
                  %s
                </recipientrewritetable>
                """.formatted(mappings));
        return conf;
    }

    private void start(String mappings) throws Exception {
        peers.start(conf(mappings), tmp.resolve("var"));
    }

    private void send(String from, String... to) throws Exception {
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail(from, List.of(to), "Subject: rewrite\r\n\r\nhello\r\n").code()).isEqualTo(250);
        }
    }

    private MailRepository repository(String url) {
        return peers.gateway().instance(MailRepositoryStore.class).select(MailRepositoryUrl.of(url));
    }

    private void awaitQueuesEmpty() {
        Await.until(Duration.ofSeconds(10), () -> peers.gateway().instance(SpoolStore.class).size() == 0
                && peers.gateway().instance(H2OutgoingQueues.class).size() == 0, () -> "spool and outgoing queue empty");
    }

    @Test
    void anAliasInTheFileSendsRemoteTargetsOutAndKeepsLocalOnes() throws Exception {
        start("<mapping>team@local.example=bob@remote.example;carol@local.example</mapping>");

        send("alice@example.org", "team@local.example");

        ReceivedMessage received = peers.sink().awaitMessage(Duration.ofSeconds(10));
        assertThat(received.rcptTo()).containsExactly("bob@remote.example");
        assertThat(received.mailFrom()).isEqualTo("alice@example.org");
        MailRepository inbound = repository("file://var/mail/inbound/");
        Await.until(Duration.ofSeconds(10), () -> inbound.size() == 1, () -> "carol's copy stored in inbound");
        Mail local = inbound.retrieve(inbound.keys(0, 1).get(0)).orElseThrow();
        assertThat(local.getRecipients()).extracting(Object::toString).containsExactly("carol@local.example");
    }

    @Test
    void anErrorMappingSendsTheRecipientToTheErrorProcessorWithItsText() throws Exception {
        start("<mapping>gone@local.example=error:550 5.1.1 This address is no longer in use</mapping>");

        send("alice@example.org", "gone@local.example");

        MailRepository errors = repository("file://var/mail/error/");
        Await.until(Duration.ofSeconds(10), () -> errors.size() == 1, () -> "the refused mail in the error repository");
        Mail refused = errors.retrieve(errors.keys(0, 1).get(0)).orElseThrow();
        assertThat(refused.getRecipients()).extracting(Object::toString).containsExactly("gone@local.example");
        assertThat(refused.getErrorMessage()).isEqualTo("550 5.1.1 This address is no longer in use");
    }

    @Test
    void aStoredMappingAppliesToTheNextMail() throws Exception {
        start("");
        peers.gateway().instance(MappingStore.class).add(MappingSource.parse("*@local.example"),
                Mapping.parse("domain:remote.example"));

        send("alice@example.org", "dave@local.example");

        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("dave@remote.example");
    }

    @Test
    void mailFromADroppedSenderGoesNowhere() throws Exception {
        start("");
        peers.gateway().instance(DropList.class).add(DropListEntry.deny(DropListOwner.global(), "spam.example"));

        send("promo@spam.example", "bob@remote.example", "carol@local.example");
        awaitQueuesEmpty();

        assertThat(peers.sink().messageCount()).isZero();
        assertThat(repository("file://var/mail/inbound/").size()).isZero();
        send("alice@example.org", "bob@remote.example");
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).mailFrom()).isEqualTo("alice@example.org");
    }

    @Test
    void aBadMappingStopsTheConfigurationWithFileLineAndMapping() throws Exception {
        Path conf = conf("<mapping>team@local.example=bob@</mapping>");
        ConfigReport report = new ConfigReport();

        MailgateConfig.read(conf, report);

        assertThat(report.errors()).extracting(ConfigError::toString).singleElement().satisfies(error ->
                assertThat(error).startsWith("conf/recipientrewritetable.xml:4: mapping 'team@local.example=bob@': "
                        + "'bob@' is not an address or user name"));
    }

    @Test
    void theShippedConfigurationRunsTheRewriteTableWithoutError() {
        ConfigReport report = new ConfigReport();
        MailgateConfig config = MailgateConfig.read(Path.of("../../conf"), report);

        Gateway.assemble(config, tmp.resolve("var"), "test", report);

        assertThat(report.errors()).isEmpty();
        assertThat(config.rewriteTable().mappings()).isEmpty();
    }
}
