package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.Domain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.LogCapture;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * The admin API's {@code /domains}, {@code /users}, {@code /mappings} (and James's domain mappings and
 * aliases) on a running gateway: James's paths and JSON, 400 with the reason for bad input, and changes
 * that the very next SMTP session and mail see.
 */
class AddressingApiEndToEndTest {

    static final String TOKEN = "test-token-0123456789";
    static final String PASSWORD = "correct horse battery";

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    /** A gateway that relays for 192.0.2.0/24 only (so not for the test), with AUTH offered and the rewrite table. */
    AdminClient start() throws Exception {
        Path conf = peers.conf().authorizedAddresses("192.0.2.0/24")
                .smtpServerElements("<auth><announce>always</announce><requireSSL>false</requireSSL></auth>")
                .transportMailets("<mailet match=\"All\" class=\"RecipientRewriteTable\"/>")
                .webAdmin("port=0\ntoken=" + TOKEN + "\n").writeTo(tmp.resolve("conf"));
        Files.writeString(conf.resolve("recipientrewritetable.xml"), """
                <recipientrewritetable>
                  <mapping>info@local.example=alice@local.example</mapping>
                </recipientrewritetable>
                """);
        peers.start(conf, tmp.resolve("var"));
        return new AdminClient(peers.gateway().gateway.adminAddress().orElseThrow(), Optional.of(TOKEN));
    }

    static void assertError(AdminClient.Answer answer, int status, String... messageParts) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().get("statusCode").asInt()).isEqualTo(status);
        assertThat(answer.json().get("message").asText()).contains(messageParts);
    }

    int rcpt(String recipient) {
        return peers.gateway().rcptReply(recipient);
    }

    void send(String to) {
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("someone@elsewhere.example", List.of(to), "Subject: hi\r\n\r\nhello\r\n").code())
                    .isEqualTo(250);
        }
    }

    @Test
    void aDomainAddedOverTheApiIsLocalForTheNextRecipientAndKeptOverAReload() throws Exception {
        AdminClient admin = start();
        assertThat(rcpt("bob@added.example")).as("not local, no relaying").isEqualTo(550);

        assertThat(admin.put("/domains/Added.Example", "").status()).isEqualTo(204);

        assertThat(rcpt("bob@added.example")).isEqualTo(250);
        send("bob@added.example");
        MailRepositoryStore repositories = peers.gateway().instance(MailRepositoryStore.class);
        Await.until(Duration.ofSeconds(10), () -> repositories.select(MailRepositoryUrl.of("file://var/mail/inbound/"))
                .size() == 1, () -> "the mail for the added domain delivered locally");
        assertThat(admin.get("/domains").json()).extracting(JsonNode::asText)
                .containsExactly("local.example", "added.example");
        assertThat(admin.get("/domains/added.example").status()).isEqualTo(204);
        JsonNode details = admin.get("/domains?details=true").json();
        assertThat(details.get(0).get("origin").asText()).isEqualTo("conf/domainlist.xml:2");
        assertThat(details.get(0).get("readOnly").asBoolean()).isTrue();
        assertThat(details.get(1).get("origin").isNull()).isTrue();

        assertThat(peers.gateway().gateway.reload().applied()).isTrue();
        assertThat(peers.gateway().instance(DomainList.class).isLocal(Domain.of("added.example"))).isTrue();

        assertThat(admin.delete("/domains/added.example").status()).isEqualTo(204);
        assertThat(rcpt("bob@added.example")).isEqualTo(550);
        assertError(admin.get("/domains/added.example"), 404, "added.example is not a local domain");
        assertError(admin.delete("/domains/added.example"), 404, "not a local domain");
    }

    @Test
    void domainsRefuseBadNamesAndTheRemovalOfTheFilesOnes() throws Exception {
        AdminClient admin = start();

        assertError(admin.put("/domains/bad..example", ""), 400, "'bad..example' is not a domain name");
        assertError(admin.put("/domains/-x.example", ""), 400, "is not a domain name", "'-'");
        assertError(admin.get("/domains/under_score_.example"), 400, "is not a domain name");
        assertError(admin.delete("/domains/local.example"), 400,
                "domain local.example is configured in conf/domainlist.xml at line 2");
        assertError(admin.get("/domains?details=maybe"), 400, "'details' must be true or false");
        assertThat(admin.put("/domains/local.example", "").status()).as("already local").isEqualTo(204);
        assertThat(admin.get("/domains").json()).extracting(JsonNode::asText).containsExactly("local.example");
    }

    @Test
    void aUserAddedOverTheApiCanAuthAndPasswordsAreCheckedAndNeverLogged() throws Exception {
        AdminClient admin = start();
        try (LogCapture log = LogCapture.of("org.mailgate")) {
            assertThat(admin.get("/users").json()).isEmpty();
            assertError(admin.put("/users/alice@local.example", "{\"password\": \"short\"}"), 400, "too weak");
            assertError(admin.put("/users/alice@local.example", "{\"password\": \"alice\"}"), 400, "too weak");
            assertError(admin.put("/users/alice@local.example", "{\"pass\": \"" + PASSWORD + "\"}"), 400,
                    "{\"password\": \"...\"}");
            assertError(admin.put("/users/alice@local.example", "not json"), 400, "not JSON");
            assertError(admin.put("/users/alice", "{\"password\": \"" + PASSWORD + "\"}"), 400,
                    "full addresses such as alice@example.com");

            assertThat(admin.put("/users/Alice@Local.Example", "{\"password\": \"" + PASSWORD + "\"}").status())
                    .isEqualTo(204);

            assertThat(authenticates("alice@local.example", PASSWORD)).isTrue();
            assertThat(admin.get("/users").body()).isEqualTo("[{\"username\":\"alice@local.example\"}]");
            assertThat(admin.head("/users/alice@local.example").status()).isEqualTo(200);
            assertThat(admin.get("/users/alice@local.example").json().get("username").asText())
                    .isEqualTo("alice@local.example");
            assertThat(admin.head("/users/bob@local.example").status()).isEqualTo(404);
            assertError(admin.get("/users/bob@local.example"), 404, "no such user: bob@local.example");

            assertThat(admin.put("/users/alice@local.example", "{\"password\": \"another long secret\"}").status())
                    .as("a change of password").isEqualTo(204);
            assertThat(authenticates("alice@local.example", PASSWORD)).isFalse();
            assertThat(authenticates("alice@local.example", "another long secret")).isTrue();

            assertThat(admin.delete("/users/alice@local.example").status()).isEqualTo(204);
            assertThat(authenticates("alice@local.example", "another long secret")).isFalse();
            assertError(admin.delete("/users/alice@local.example"), 404, "no such user");
            assertThat(log.grep("user added: alice@local.example")).as("the log is seen").hasSize(1);
            assertThat(log.grep(PASSWORD)).isEmpty();
            assertThat(log.grep("another long secret")).isEmpty();
        }
    }

    private boolean authenticates(String user, String password) {
        return UsersCliTest.authenticates(peers.gateway().smtp(), user, password);
    }

    @Test
    void aMappingAddedOverTheApiRewritesTheNextMail() throws Exception {
        AdminClient admin = start();

        assertThat(admin.put("/mappings/address/sales@local.example/targets/bob@remote.example", "").status())
                .isEqualTo(204);

        send("sales@local.example");
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("bob@remote.example");
        assertThat(admin.get("/mappings/user/sales@local.example").body())
                .isEqualTo("[{\"type\":\"Address\",\"mapping\":\"bob@remote.example\"}]");

        assertThat(admin.delete("/mappings/address/sales@local.example/targets/bob@remote.example").status())
                .isEqualTo(204);
        assertThat(admin.get("/mappings/user/sales@local.example").json()).isEmpty();
        assertError(admin.delete("/mappings/address/sales@local.example/targets/bob@remote.example"), 404,
                "no such mapping: sales@local.example=bob@remote.example");
    }

    @Test
    void everyMappingTypeIsListedWithTheFilesOnesReadOnly() throws Exception {
        AdminClient admin = start();

        assertThat(admin.put("/mappings/regex/*@old.example/targets/"
                + "(.*)%40old%5C.example:%24%7B1%7D%40local.example", "").status()).isEqualTo(204);
        assertThat(admin.put("/mappings/error/gone@local.example/targets/550%205.1.1%20Gone%2Fmoved", "").status())
                .isEqualTo(204);
        assertThat(admin.put("/mappings/forward/carol@*/targets/carol@remote.example", "").status()).isEqualTo(204);
        assertThat(admin.put("/domainMappings/legacy.example", "local.example").status()).isEqualTo(204);
        assertThat(admin.put("/domains/local.example/aliases/alias.example", "").status()).isEqualTo(204);

        JsonNode all = admin.get("/mappings").json();
        assertThat(all.get("info@local.example").get(0).get("mapping").asText()).isEqualTo("alice@local.example");
        assertThat(all.get("info@local.example").get(0).get("origin").asText())
                .isEqualTo("conf/recipientrewritetable.xml:2");
        assertThat(all.get("info@local.example").get(0).get("readOnly").asBoolean()).isTrue();
        assertThat(all.get("*@old.example").get(0).get("type").asText()).isEqualTo("Regex");
        assertThat(all.get("*@old.example").get(0).get("mapping").asText()).isEqualTo("(.*)@old\\.example:${1}@local.example");
        assertThat(all.get("*@old.example").get(0).has("origin")).isFalse();
        assertThat(all.get("gone@local.example").get(0).get("mapping").asText()).isEqualTo("550 5.1.1 Gone/moved");
        assertThat(all.get("gone@local.example").get(0).get("type").asText()).isEqualTo("Error");
        assertThat(all.get("carol@*").get(0).get("type").asText()).isEqualTo("Forward");
        assertThat(all.get("*@legacy.example").get(0).get("type").asText()).isEqualTo("Domain");
        assertThat(admin.get("/domainMappings").body())
                .isEqualTo("{\"legacy.example\":[\"local.example\"],\"alias.example\":[\"local.example\"]}");
        assertThat(admin.get("/domainMappings/legacy.example").body()).isEqualTo("[\"local.example\"]");
        assertThat(admin.get("/domains/local.example/aliases").body())
                .isEqualTo("[{\"source\":\"legacy.example\"},{\"source\":\"alias.example\"}]");

        assertThat(admin.send("DELETE", "/domainMappings/legacy.example", "local.example", Optional.empty()).status())
                .isEqualTo(204);
        assertThat(admin.delete("/domains/local.example/aliases/alias.example").status()).isEqualTo(204);
        assertThat(admin.get("/domainMappings").json()).isEmpty();
    }

    @Test
    void badMappingsAndChangesOfTheFilesOnesAreRefused() throws Exception {
        AdminClient admin = start();

        assertError(admin.put("/mappings/address/info@local.example/targets/alice@local.example", ""), 400,
                "info@local.example=alice@local.example is configured in conf/recipientrewritetable.xml:2");
        assertError(admin.delete("/mappings/address/info@local.example/targets/alice@local.example"), 400,
                "cannot be removed through the API");
        assertError(admin.put("/mappings/address/nobody/targets/alice@local.example", ""), 400,
                "'nobody' is not a source");
        assertError(admin.put("/mappings/address/*@*/targets/alice@local.example", ""), 400, "*@*");
        assertError(admin.put("/mappings/regex/*@old.example/targets/(unclosed:x", ""), 400, "invalid pattern");
        assertError(admin.put("/mappings/regex/*@old.example/targets/no-replacement", ""), 400,
                "regex:<pattern>:<replacement>");
        assertError(admin.put("/mappings/domain/*@old.example/targets/not..a.domain", ""), 400, "does not name a domain");
        assertError(admin.put("/mappings/teleport/a@local.example/targets/b@local.example", ""), 404,
                "no mapping type 'teleport'");
        assertError(admin.put("/domainMappings/legacy.example", ""), 400, "target domain (the body)");
        assertError(admin.get("/domains/nowhere.example/aliases"), 404, "nowhere.example is not a local domain");
        assertError(admin.put("/domains/local.example/aliases/local.example", ""), 400, "alias of itself");
        assertThat(admin.get("/mappings").json().size()).as("only the file's").isOne();
    }
}
