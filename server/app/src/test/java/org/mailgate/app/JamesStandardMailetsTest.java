package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * James's own standard mailets and matchers ({@code org.apache.james:apache-mailet-standard:3.9.0},
 * copied from Maven Central into {@code target/james-extensions} by the build) installed the way an
 * admin would: their jars dropped into {@code extensions/}, named by their James class names.
 */
class JamesStandardMailetsTest {

    static final Path JAMES_JARS = Path.of("target/james-extensions");

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    @Test
    void jamesMailetsAndMatchersRunUnchangedInMailgatesContainer() throws Exception {
        Path extensions = Files.createDirectories(tmp.resolve("extensions"));
        try (Stream<Path> jars = Files.list(JAMES_JARS)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, extensions.resolve(jar.getFileName()));
            }
        }
        String james = "org.apache.james.transport.";
        Path conf = peers.conf().rootMailets("""
                <mailet match="%1$smatchers.SubjectStartsWith=[ext]" class="%1$smailets.SetMimeHeader">
                  <name>X-James-Set</name>
                  <value>yes</value>
                </mailet>
                <mailet match="%1$smatchers.HasHeader=X-James-Set" class="%1$smailets.AddSubjectPrefix">
                  <subjectPrefix>[via James]</subjectPrefix>
                </mailet>
                <mailet match="All" class="%1$smailets.RecipientToLowerCase"/>
                <mailet match="All" class="%1$smailets.RemoveMimeHeaderByPrefix">
                  <prefix>X-Internal-</prefix>
                </mailet>""".formatted(james)).writeTo(tmp.resolve("conf"));
        peers.start(conf, tmp.resolve("var"));

        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("alice@example.org", List.of("BOB@remote.example"),
                    "Subject: [ext] hello\r\nX-Internal-Trace: 42\r\nMessage-ID: <james-1@example.org>\r\n\r\nbody\r\n")
                    .code()).isEqualTo(250);
        }

        ReceivedMessage received = peers.sink().awaitMessage(Duration.ofSeconds(10));
        assertThat(received.rcptTo()).containsExactly("bob@remote.example");
        String text = received.dataAsString();
        assertThat(text).contains("X-James-Set: yes\r\n").contains("Subject: [via James] [ext] hello\r\n")
                .contains("Message-ID: <james-1@example.org>\r\n").doesNotContain("X-Internal-Trace");
    }
}
