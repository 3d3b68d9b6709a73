package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.RecipientRewriteTable;
import org.mailgate.api.rrt.RewriteSettings;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/** ValidRcptHandler over real SMTP sessions: unknown local users are refused at RCPT. */
class ValidRcptHookTest {

    @RegisterExtension
    final SenderCheckServer smtp = new SenderCheckServer();

    /** {@code sales@local.example} is an alias of alice. */
    static final RecipientRewriteTable ALIASES = new RecipientRewriteTable() {
        @Override
        public List<Mapping> mappingsFor(MappingSource source) {
            return source.equals(MappingSource.parse("sales@local.example"))
                    ? List.of(Mapping.parse("alice@local.example")) : List.of();
        }

        @Override
        public RewriteSettings settings() {
            return RewriteSettings.DEFAULT;
        }
    };

    private void start(String parameters) {
        smtp.users.add(Username.of("alice@local.example"), "secret");
        smtp.users.add(Username.of("carol"), "secret");
        smtp.start("<handler class=\"org.apache.james.smtpserver.fastfail.ValidRcptHandler\">" + parameters
                + "</handler>", "127.0.0.1:0", "127.0.0.0/8", Optional.of(ALIASES));
    }

    @Test
    void unknownLocalUsersAreRefusedAtRcptWhileKnownOnesAndPostmasterPass() {
        start("");
        try (SmtpDialogue client = smtp.connect("client.example.net")) {
            client.send("MAIL FROM:<a@example.net>").expect(250);
            client.send("RCPT TO:<alice@local.example>").expect(250);
            client.send("RCPT TO:<Alice@LOCAL.example>").expect(250);
            client.send("RCPT TO:<carol@local.example>").expect(250);
            SmtpReply refused = client.send("RCPT TO:<bob@local.example>").expect(550);
            assertThat(refused.enhancedStatus()).contains("5.1.1");
            client.send("RCPT TO:<postmaster@local.example>").expect(250);
            client.send("RCPT TO:<postmaster>").expect(250);
            client.send("RCPT TO:<abuse@local.example>").expect(250);
            client.send("RCPT TO:<anyone@remote.example>").expect(250);
            client.send("RCPT TO:<sales@local.example>").expect(250);
            client.send("DATA").expect(354);
        }
    }

    @Test
    void withoutTheRewriteTableAnAliasIsUnknown() {
        start("<enableRecipientRewriteTable>false</enableRecipientRewriteTable>");
        assertThat(smtp.rcpt("client.example.net", "a@example.net", "sales@local.example").code()).isEqualTo(550);
    }
}
