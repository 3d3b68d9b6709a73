package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class PostmasterAliasTest {

    /** Its postmaster is postmaster@corp.example. */
    private final RecordingMailetContext context = new RecordingMailetContext("corp.example", "branch.example");

    private PostmasterAlias mailet() throws MessagingException {
        PostmasterAlias mailet = new PostmasterAlias();
        mailet.init(FakeMailetConfig.of("PostmasterAlias", context));
        return mailet;
    }

    @Test
    void postmasterOfEveryLocalDomainBecomesTheConfiguredPostmasterOnce() throws Exception {
        Mail mail = FakeMail.builder().recipients("alice@far.example", "PostMaster@branch.example",
                "bob@corp.example", "POSTMASTER@corp.example").build();

        mailet().service(mail);

        assertThat(mail.getRecipients()).extracting(MailAddress::asString)
                .containsExactly("alice@far.example", "postmaster@corp.example", "bob@corp.example");
    }

    @Test
    void postmasterOfARemoteDomainAndOtherRecipientsStay() throws Exception {
        Mail mail = FakeMail.builder().recipients("postmaster@far.example", "postmasters@corp.example").build();

        mailet().service(mail);

        assertThat(mail.getRecipients()).extracting(MailAddress::asString)
                .containsExactly("postmaster@far.example", "postmasters@corp.example");
    }

    @Test
    void takesNoParameters() {
        assertThatThrownBy(() -> new PostmasterAlias().init(FakeMailetConfig.of("P", context).param("x", "y")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("unknown parameter x");
    }
}
