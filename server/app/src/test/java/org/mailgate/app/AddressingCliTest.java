package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * {@code mailgate domains} and {@code mailgate mappings} against a running gateway: tables, {@code --json}
 * that parses, changes the next mail sees, and the errors an operator meets.
 */
class AddressingCliTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();
    AdminCommand command;

    void start() throws Exception {
        command = new AdminCommand(tmp.resolve("cli-conf"), tmp.resolve("var"));
        Path conf = peers.conf().authorizedAddresses("192.0.2.0/24")
                .transportMailets("<mailet match=\"All\" class=\"RecipientRewriteTable\"/>")
                .writeTo(tmp.resolve("conf"));
        Files.writeString(conf.resolve("recipientrewritetable.xml"), """
                <recipientrewritetable>
                  <mapping>info@local.example=alice@local.example</mapping>
                </recipientrewritetable>
                """);
        peers.start(conf, tmp.resolve("var"));
        Files.createDirectories(tmp.resolve("cli-conf"));
        Files.writeString(tmp.resolve("cli-conf/webadmin.properties"),
                "port=" + peers.gateway().gateway.adminAddress().orElseThrow().getPort() + "\n");
    }

    int cli(String... args) {
        return command.run("", args);
    }

    String out() {
        return command.out();
    }

    String err() {
        return command.err();
    }

    JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out());
    }

    int rcpt(String recipient) {
        return peers.gateway().rcptReply(recipient);
    }

    @Test
    void domainsAreListedAddedAndRemoved() throws Exception {
        start();

        assertThat(cli("domains", "add", "added.example")).as(err()).isZero();

        assertThat(out()).isEqualTo("domain added.example added: mail for it is accepted now\n");
        assertThat(rcpt("bob@added.example")).isEqualTo(250);
        assertThat(cli("domains", "list")).isZero();
        assertThat(out().lines()).containsExactly(
                "DOMAIN         FROM",
                "local.example  conf/domainlist.xml:2 (read-only)",
                "added.example  admin API");
        assertThat(cli("domains", "list", "--json")).isZero();
        assertThat(json().findValuesAsText("domain")).containsExactly("local.example", "added.example");
        assertThat(cli("domains", "add", "added.example")).isEqualTo(1);
        assertThat(err()).contains("domain added.example is local already");
        assertThat(cli("domains", "add", "bad..example")).isEqualTo(1);
        assertThat(err()).contains("'bad..example' is not a domain name");
        assertThat(cli("domains", "remove", "local.example")).isEqualTo(1);
        assertThat(err()).contains("configured in conf/domainlist.xml at line 2");

        assertThat(cli("domains", "remove", "added.example")).isZero();
        assertThat(out()).isEqualTo("domain added.example removed\n");
        assertThat(rcpt("bob@added.example")).isEqualTo(550);
        assertThat(cli("domains", "remove", "added.example")).isEqualTo(1);
        assertThat(err()).contains("no such local domain: added.example");
        assertThat(cli("domains", "rename", "x")).isEqualTo(2);
        assertThat(cli("domains", "add")).isEqualTo(2);
    }

    @Test
    void mappingsInTheFilesSyntaxAreAddedListedAndRewriteTheNextMail() throws Exception {
        start();

        assertThat(cli("mappings", "add", "sales@local.example", "bob@remote.example")).as(err()).isZero();
        assertThat(out()).isEqualTo("mapping sales@local.example=bob@remote.example added\n");
        assertThat(cli("mappings", "add", "gone@local.example", "error:550 5.1.1 Gone / moved")).as(err()).isZero();
        assertThat(cli("mappings", "add", "*@old.example", "regex:(.*)@old\\.example:${1}@local.example"))
                .as(err()).isZero();

        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("someone@elsewhere.example", List.of("sales@local.example"),
                    "Subject: hi\r\n\r\nhello\r\n").code()).isEqualTo(250);
        }
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("bob@remote.example");

        assertThat(cli("mappings", "list")).isZero();
        assertThat(out().lines().map(l -> List.of(l.split(" {2,}")))).containsExactly(
                List.of("SOURCE", "MAPPING", "FROM"),
                List.of("info@local.example", "alice@local.example", "conf/recipientrewritetable.xml:2 (read-only)"),
                List.of("sales@local.example", "bob@remote.example", "admin API"),
                List.of("gone@local.example", "error:550 5.1.1 Gone / moved", "admin API"),
                List.of("*@old.example", "regex:(.*)@old\\.example:${1}@local.example", "admin API"));
        assertThat(out().lines().toList().get(1).indexOf("alice@")).as("aligned under its header")
                .isEqualTo(out().lines().toList().get(0).indexOf("MAPPING"));
        assertThat(cli("mappings", "list", "gone@local.example", "--json")).isZero();
        assertThat(json().get(0).get("type").asText()).isEqualTo("Error");
        assertThat(json().get(0).get("mapping").asText()).isEqualTo("550 5.1.1 Gone / moved");

        assertThat(cli("mappings", "remove", "gone@local.example", "error:550 5.1.1 Gone / moved")).as(err()).isZero();
        assertThat(out()).isEqualTo("mapping gone@local.example=error:550 5.1.1 Gone / moved removed\n");
        assertThat(cli("mappings", "remove", "gone@local.example", "error:550 5.1.1 Gone / moved")).isEqualTo(1);
        assertThat(err()).contains("no such mapping");
        assertThat(cli("mappings", "remove", "info@local.example", "alice@local.example")).isEqualTo(1);
        assertThat(err()).contains("is configured in conf/recipientrewritetable.xml:2");
        assertThat(cli("mappings", "add", "nobody", "alice@local.example")).isEqualTo(1);
        assertThat(err()).contains("'nobody' is not a source");
        assertThat(cli("mappings", "add", "a@local.example", "regex:nocolon")).isEqualTo(1);
        assertThat(err()).contains("regex:<pattern>:<replacement>");
        assertThat(cli("mappings", "add", "a@local.example")).isEqualTo(2);
        assertThat(err()).contains("expected mappings add SOURCE MAPPING");
    }
}
