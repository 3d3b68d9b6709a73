package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class RemoveMimeHeaderByPrefixTest {

    private static final String MESSAGE = """
            Message-ID: <1@corp.example>
            X-App-One: 1
            Subject: hello
            x-app-two: 2
            X-Application: kept
            \tfolded

            Hello
            """;

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private RemoveMimeHeaderByPrefix mailet(String prefix) throws MessagingException {
        RemoveMimeHeaderByPrefix mailet = new RemoveMimeHeaderByPrefix();
        mailet.init(FakeMailetConfig.of("RemoveMimeHeaderByPrefix", context).param("prefix", prefix));
        return mailet;
    }

    @Test
    void removesEveryHeaderStartingWithThePrefixWhateverItsCase() throws Exception {
        Mail mail = RawMails.of(MESSAGE);

        mailet("X-APP-").service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf("""
                Message-ID: <1@corp.example>
                Subject: hello
                X-Application: kept
                \tfolded

                Hello
                """));
    }

    @Test
    void leavesTheMessageByteForByteWhenNoHeaderMatches() throws Exception {
        Mail mail = RawMails.of(MESSAGE);

        mailet("X-Other-").service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf(MESSAGE));
    }

    @Test
    void removesMatchingHeadersAddedForSpecificRecipients() throws Exception {
        Mail mail = RawMails.of(MESSAGE);
        mail.addSpecificHeaderForRecipient(PerRecipientHeaders.Header.builder().name("X-App-Tag").value("a").build(),
                FakeMail.address("rcpt@far.example"));
        mail.addSpecificHeaderForRecipient(PerRecipientHeaders.Header.builder().name("X-Other").value("b").build(),
                FakeMail.address("rcpt@far.example"));

        mailet("X-App-").service(mail);

        assertThat(mail.getPerRecipientSpecificHeaders().getHeadersForRecipient(FakeMail.address("rcpt@far.example")))
                .extracting(PerRecipientHeaders.Header::getName).containsExactly("X-Other");
    }

    @Test
    void needsAPrefixAndRefusesUnknownParameters() {
        assertThatThrownBy(() -> new RemoveMimeHeaderByPrefix().init(FakeMailetConfig.of("R", context)))
                .isInstanceOf(MessagingException.class).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new RemoveMimeHeaderByPrefix().init(FakeMailetConfig.of("R", context)
                .param("prefix", "X-").param("name", "X-A")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("unknown parameter name");
    }
}
