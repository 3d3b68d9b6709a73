package org.mailgate.container.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.james.core.Domain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.dns.MxRecord;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.trace.TraceReport;
import org.mailgate.api.trace.TraceText;
import org.mailgate.container.TestMails;
import org.mailgate.container.config.ContainerConfig;
import org.mailgate.container.context.ContextSettings;
import org.mailgate.container.load.ClassResolver;

/**
 * Dry runs through pipelines built from {@code mailetcontainer.xml} with Mailgate's own mailets: what each
 * mail's way records (matches, splits, what mailets changed, how it ended) and where each recipient ends up,
 * with the stores' stand-ins recording instead of storing.
 */
class TraceRecorderTest {

    static final String T = "org.mailgate.container.testmailets.";

    @TempDir
    Path tmp;

    /** No DNS in these tests: a lookup would be a mistake of the dry run. */
    final DnsResolver noDns = new DnsResolver() {
        @Override
        public List<MxRecord> mx(Domain domain) throws DnsException {
            throw new AssertionError("MX lookup of " + domain);
        }

        @Override
        public List<InetAddress> addresses(String hostname) {
            throw new AssertionError("address lookup of " + hostname);
        }

        @Override
        public List<String> txt(String name) {
            throw new AssertionError("TXT lookup of " + name);
        }

        @Override
        public List<String> ptr(InetAddress address) {
            throw new AssertionError("PTR lookup of " + address);
        }
    };

    final DomainList domains = new DomainList() {
        @Override
        public boolean isLocal(Domain domain) {
            return domain.asString().equals("x.example");
        }

        @Override
        public Domain defaultDomain() {
            return Domain.of("x.example");
        }

        @Override
        public Set<Domain> domains() {
            return Set.of(defaultDomain());
        }
    };

    TraceReport trace(String processors, String... recipients) throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("mailetcontainer.xml"), "<mailetcontainer>\n<processors>\n" + processors
                + "\n</processors>\n</mailetcontainer>\n", StandardCharsets.UTF_8);
        ConfigReport report = new ConfigReport();
        ContainerConfig config = ContainerConfig.read(conf, report);
        assertThat(report.errors()).isEmpty();
        DryRunPipelines pipelines = new DryRunPipelines(binder -> { }, new ClassResolver(getClass().getClassLoader()),
                new ContextSettings(TestMails.address("postmaster@x.example"), "mailgate.test", "Mailgate/test"),
                domains, noDns);
        return pipelines.trace(config, TestMails.mail(recipients));
    }

    static final String ERROR = """
            <processor state="error">
              <mailet class="ToRepository"><repositoryPath>file://var/mail/error/</repositoryPath></mailet>
            </processor>""";

    @Test
    void aPartialMatchSplitsTheMailAndEachCopyHasItsOwnWayAndOutcome() throws Exception {
        TraceReport report = trace("""
                <processor state="root">
                  <mailet match="%sLocalPartIn=a" class="ToProcessor"><processor>local</processor></mailet>
                  <mailet class="SetMimeHeader"><name>X-Seen</name><value>yes</value></mailet>
                  <mailet class="RemoteDelivery"><gateway>relay.example:2525</gateway></mailet>
                </processor>
                <processor state="local">
                  <mailet class="ToRepository"><repositoryPath>file://var/mail/inbound/</repositoryPath></mailet>
                </processor>
                %s""".formatted(T, ERROR), "a@x.example", "b@y.example");

        assertThat(report.mails()).extracting(TraceReport.MailPath::mail).containsExactly("MAIL1", "MAIL1-1");
        TraceReport.MailPath original = report.mails().get(0);
        assertThat(original.recipients()).containsExactly("a@x.example", "b@y.example");
        assertThat(original.events()).extracting(TraceReport.Event::kind)
                .containsExactly("processor", "match", "split", "match", "mailet", "match", "mailet");
        TraceReport.Event firstMatch = original.events().get(1);
        assertThat(firstMatch.what()).isEqualTo(T + "LocalPartIn=a");
        assertThat(firstMatch.recipients()).containsExactly("a@x.example");
        assertThat(firstMatch.location()).isEqualTo("conf/mailetcontainer.xml:4");
        assertThat(original.events().get(2).what()).isEqualTo("MAIL1-1");
        assertThat(original.events().get(4).what()).isEqualTo("SetMimeHeader(name=X-Seen, value=yes)");
        assertThat(original.events().get(4).changes()).containsExactly("header added: X-Seen: yes");
        assertThat(original.events().get(6).changes()).containsExactly("state=ghost");
        assertThat(original.ending()).startsWith("ghost, set by RemoteDelivery");

        TraceReport.MailPath copy = report.mails().get(1);
        assertThat(copy.origin()).isEqualTo("split from MAIL1 at [1] of processor root");
        assertThat(copy.events()).extracting(e -> e.kind() + " " + e.processor() + " " + e.step())
                .containsExactly("match root 1", "mailet root 1", "processor local 0", "match local 1", "mailet local 1");
        assertThat(copy.events().get(1).changes()).containsExactly("state=local");

        assertThat(report.outcomes()).extracting(o -> o.recipient() + " → " + o.destination().replaceAll(" \\(.*\\)$", ""))
                .containsExactly("b@y.example → outgoing queue \"outgoing\", via gateway relay.example:2525 by RemoteDelivery",
                        "a@x.example → repository file://var/mail/inbound/ by ToRepository");
        assertThat(TraceText.render(report)).contains(
                "    [1] match " + T + "LocalPartIn=a → a@x.example  (" + conf() + "mailetcontainer.xml:4)\n"
                        + "        split: copy MAIL1-1 takes a@x.example, this mail goes on with the rest\n",
                "        mailet ToProcessor(processor=local) → state=local\n  processor local with a@x.example\n",
                "  a@x.example → repository file://var/mail/inbound/ by ToRepository (" + conf() + "mailetcontainer.xml:9)"
                        + " (mail MAIL1-1)");
    }

    private String conf() {
        return "conf/";
    }

    @Test
    void aFailingMailetMovesTheMailToTheErrorProcessorWithItsMessage() throws Exception {
        TraceReport report = trace("""
                <processor state="root">
                  <mailet class="%sFails"><reason>disk on fire</reason></mailet>
                </processor>
                %s""".formatted(T, ERROR), "a@x.example");

        TraceReport.MailPath mail = report.mails().getFirst();
        TraceReport.Event failed = mail.events().get(2);
        assertThat(failed.kind()).isEqualTo("mailet");
        assertThat(failed.changes()).contains("state=error").anyMatch(c -> c.startsWith("error: ")
                && c.contains("disk on fire"));
        assertThat(mail.events()).extracting(TraceReport.Event::processor).contains("error");
        assertThat(report.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.recipient()).isEqualTo("a@x.example");
            assertThat(o.destination()).startsWith("repository file://var/mail/error/");
        });
    }

    @Test
    void aMailEndedByAGhostOrFallingOffTheEndIsReportedDropped() throws Exception {
        TraceReport report = trace("""
                <processor state="root">
                  <mailet match="%sLocalPartIn=a" class="Null"/>
                  <mailet class="SetMimeHeader"><name>X-Seen</name><value>yes</value></mailet>
                </processor>
                %s""".formatted(T, ERROR), "a@x.example", "b@y.example");

        assertThat(report.outcomes()).extracting(o -> o.recipient() + " → " + o.destination())
                .containsExactly("b@y.example → dropped: fell off the end of processor root: the gateway drops it "
                                + "with a warning",
                        "a@x.example → dropped: ghost, set by Null (" + conf() + "mailetcontainer.xml:4)");
    }

    @Test
    void aBounceAMailetSendsIsTracedAfterTheMessageAndNotStored() throws Exception {
        TraceReport report = trace("""
                <processor state="root">
                  <mailet match="%sLocalPartIn=a" class="%sBounceIt"/>
                  <mailet class="RemoteDelivery"><mxPort>2525</mxPort></mailet>
                </processor>
                %s""".formatted(T, T, ERROR), "a@x.example", "b@y.example");

        assertThat(report.mails()).extracting(TraceReport.MailPath::mail)
                .containsExactly("MAIL1", "MAIL1-1", "MAIL1-1-bounce");
        assertThat(report.mails().get(2).origin()).startsWith("sent by " + T + "BounceIt (")
                .endsWith("while processing MAIL1-1, from <> into processor root");
        assertThat(report.outcomes()).extracting(o -> o.recipient() + " → " + o.destination().replaceAll(" \\(.*", ""))
                .containsExactly("b@y.example → outgoing queue \"outgoing\", via the MX hosts of y.example on port 2525 by "
                                + "RemoteDelivery",
                        "a@x.example → dropped: ghost, set by " + T + "BounceIt",
                        "sender@example.org → outgoing queue \"outgoing\", via the MX hosts of example.org on port 2525 by "
                                + "RemoteDelivery");
    }

    @Test
    void aFailingMatcherAndARecipientAMailetReplacedAreReported() throws Exception {
        TraceReport report = trace("""
                <processor state="root">
                  <mailet match="%sThrows" class="Null"/>
                </processor>
                <processor state="error">
                  <mailet class="%sRecipientsTo"><to>abuse@x.example</to></mailet>
                  <mailet class="ToRepository"><repositoryPath>file://var/mail/error/</repositoryPath></mailet>
                </processor>""".formatted(T, T), "a@x.example");

        TraceReport.MailPath mail = report.mails().getFirst();
        assertThat(mail.events()).extracting(TraceReport.Event::kind)
                .containsExactly("processor", "matcherFailed", "processor", "match", "mailet", "match", "mailet");
        assertThat(mail.events().get(1).changes()).first().isEqualTo("state=error");
        assertThat(mail.events().get(1).changes()).last().asString().contains("matcher broken");
        assertThat(mail.events().get(4).changes())
                .containsExactly("recipients=[abuse@x.example] (was [a@x.example])");
        assertThat(report.outcomes()).extracting(o -> o.recipient() + " → " + o.destination().replaceAll(" by .*", ""))
                .containsExactly("abuse@x.example → repository file://var/mail/error/",
                        "a@x.example → no longer a recipient: a mailet rewrote or removed it (see the mailets' changes)");
        assertThat(TraceText.render(report)).contains("    [1] match " + T + "Throws failed → state=error; error: ");
    }

    @Test
    void aMailWhoseProcessingFailsIsReportedAsKeptInTheSpoolNotAsRewritten() throws Exception {
        TraceReport report = trace("""
                <processor state="root">
                  <mailet class="%sFails"><reason>disk full</reason><onMailetException>propagate</onMailetException></mailet>
                </processor>
                %s""".formatted(T, ERROR), "a@x.example", "b@y.example");

        assertThat(report.mails().getFirst().ending()).startsWith("processing failed: ");
        assertThat(report.outcomes()).extracting(o -> o.recipient() + " → " + o.destination())
                .allMatch(o -> o.contains("kept in the spool: processing failed"), "kept in the spool")
                .hasSize(2);
    }
}
