package org.mailgate.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailgate.matchers.MatcherFixture.init;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class SessionMatchersTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private static Mail mail(Attribute... attributes) {
        FakeMail mail = FakeMail.builder().sender("a@far.example").recipients("x@corp.example", "y@corp.example");
        for (Attribute attribute : attributes) {
            mail.attribute(attribute);
        }
        return mail.build();
    }

    private static Mail from(String remoteAddr) {
        return FakeMail.builder().remoteAddr(remoteAddr).recipients("x@corp.example").build();
    }

    private static Attribute authUser(String user) {
        return new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(user));
    }

    private static Attribute attribute(String name, Object value) {
        return new Attribute(AttributeName.of(name), AttributeValue.ofAny(value));
    }

    @Test
    void smtpAuthSuccessfulMatchesAnAuthenticatedMail() throws Exception {
        var matcher = init(new SMTPAuthSuccessful(), null, context);

        assertThat(matcher.match(mail(authUser("alice")))).hasSize(2);
    }

    @Test
    void smtpAuthSuccessfulMatchesNoUnauthenticatedMail() throws Exception {
        var matcher = init(new SMTPAuthSuccessful(), null, context);

        assertThat(matcher.match(mail(attribute("org.example.other", "alice")))).isEmpty();
    }

    @Test
    void smtpAuthUserIsMatchesTheListedUsersExactly() throws Exception {
        var matcher = init(new SMTPAuthUserIs(), "alice@corp.example, bob\tcarol", context);

        assertThat(matcher.match(mail(authUser("bob")))).hasSize(2);
        assertThat(matcher.match(mail(authUser("alice@corp.example")))).hasSize(2);
    }

    @Test
    void smtpAuthUserIsMatchesNeitherAnotherUserNorAnUnauthenticatedMail() throws Exception {
        var matcher = init(new SMTPAuthUserIs(), "alice@corp.example, bob", context);

        assertThat(matcher.match(mail(authUser("Bob")))).isEmpty();
        assertThat(matcher.match(mail(authUser("dave")))).isEmpty();
        assertThat(matcher.match(mail())).isEmpty();
    }

    @Test
    void smtpAuthUserIsNeedsAList() {
        assertThatThrownBy(() -> init(new SMTPAuthUserIs(), null, context)).isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("SMTPAuthUserIs needs a condition")
                .hasMessageContaining("e.g. SMTPAuthUserIs=alice@example.com");
    }

    @Test
    void smtpIsAuthNetworkMatchesWhenTheServerLetTheClientRelay() throws Exception {
        var matcher = init(new SMTPIsAuthNetwork(), null, context);

        assertThat(matcher.match(mail(attribute("org.apache.james.SMTPIsAuthNetwork", true)))).hasSize(2);
    }

    @Test
    void smtpIsAuthNetworkMatchesNothingWithoutTheBooleanTrue() throws Exception {
        var matcher = init(new SMTPIsAuthNetwork(), null, context);

        assertThat(matcher.match(mail())).isEmpty();
        assertThat(matcher.match(mail(attribute(SMTPIsAuthNetwork.ATTRIBUTE, false)))).isEmpty();
        assertThat(matcher.match(mail(attribute(SMTPIsAuthNetwork.ATTRIBUTE, "true")))).isEmpty();
    }

    @Test
    void remoteAddrNotInNetworkMatchesAClientOutsideEveryNetwork() throws Exception {
        var matcher = init(new RemoteAddrNotInNetwork(), "127.0.0.0/8, 192.168.*, 2001:db8::/32", context);

        assertThat(matcher.match(from("192.0.2.7"))).hasSize(1);
        assertThat(matcher.match(from("2001:db9::1"))).hasSize(1);
        assertThat(matcher.match(from("not-an-address"))).hasSize(1);
    }

    @Test
    void remoteAddrNotInNetworkMatchesNoClientInside() throws Exception {
        var matcher = init(new RemoteAddrNotInNetwork(), "127.0.0.0/8, 192.168.*, 2001:db8::/32", context);

        assertThat(matcher.match(from("127.0.0.1"))).isEmpty();
        assertThat(matcher.match(from("192.168.4.4"))).isEmpty();
        assertThat(matcher.match(from("[2001:db8::25]"))).isEmpty();
    }

    @Test
    void remoteAddrNotInNetworkRefusesAMissingOrBadList() {
        assertThatThrownBy(() -> init(new RemoteAddrNotInNetwork(), null, context))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("RemoteAddrNotInNetwork needs a condition")
                .hasMessageContaining("e.g. RemoteAddrNotInNetwork=127.0.0.0/8");
        assertThatThrownBy(() -> init(new RemoteAddrNotInNetwork(), "10.0.0.0/8, mail.example.com", context))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("RemoteAddrNotInNetwork: not an IP address or network: mail.example.com")
                .hasMessageContaining("e.g. RemoteAddrNotInNetwork=");
    }

    @Test
    void sentByMailetMatchesMailAMailetCreated() throws Exception {
        var matcher = init(new SentByMailet(), null, context);

        assertThat(matcher.match(mail(Mail.SENT_BY_MAILET_ATTRIBUTE))).hasSize(2);
    }

    @Test
    void sentByMailetMatchesNoReceivedMail() throws Exception {
        var matcher = init(new SentByMailet(), null, context);

        assertThat(matcher.match(mail(authUser("alice")))).isEmpty();
    }

    @Test
    void hasMailAttributeMatchesWhateverTheValue() throws Exception {
        var matcher = init(new HasMailAttribute(), " org.example.scanned ", context);

        assertThat(matcher.match(mail(attribute("org.example.scanned", false)))).hasSize(2);
    }

    @Test
    void hasMailAttributeMatchesNoMailWithoutIt() throws Exception {
        var matcher = init(new HasMailAttribute(), "org.example.scanned", context);

        assertThat(matcher.match(mail(attribute("org.example.scanned.not", true)))).isEmpty();
    }

    @Test
    void hasMailAttributeNeedsAName() {
        assertThatThrownBy(() -> init(new HasMailAttribute(), " ", context)).isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("HasMailAttribute needs a condition")
                .hasMessageContaining("e.g. HasMailAttribute=");
    }

    @Test
    void hasMailAttributeWithValueComparesTheTrimmedValueAsAString() throws Exception {
        var matcher = init(new HasMailAttributeWithValue(), " org.example.verdict ,  spam ", context);
        var number = init(new HasMailAttributeWithValue(), "org.example.score,42", context);
        var empty = init(new HasMailAttributeWithValue(), "org.example.note,", context);

        assertThat(matcher.match(mail(attribute("org.example.verdict", " spam\t")))).hasSize(2);
        assertThat(number.match(mail(attribute("org.example.score", 42)))).hasSize(2);
        assertThat(empty.match(mail(attribute("org.example.note", "")))).hasSize(2);
    }

    @Test
    void hasMailAttributeWithValueMatchesNeitherAnotherValueNorAMissingAttribute() throws Exception {
        var matcher = init(new HasMailAttributeWithValue(), "org.example.verdict, spam", context);

        assertThat(matcher.match(mail(attribute("org.example.verdict", "Spam")))).isEmpty();
        assertThat(matcher.match(mail(attribute("org.example.verdict", "spam, really")))).isEmpty();
        assertThat(matcher.match(mail())).isEmpty();
    }

    @Test
    void hasMailAttributeWithValueRefusesAConditionWithoutNameOrComma() {
        assertThatThrownBy(() -> init(new HasMailAttributeWithValue(), "org.example.verdict", context))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("HasMailAttributeWithValue: no comma")
                .hasMessageContaining("e.g. HasMailAttributeWithValue=org.example.verdict, spam");
        assertThatThrownBy(() -> init(new HasMailAttributeWithValue(), " , spam", context))
                .hasMessageContaining("HasMailAttributeWithValue: no attribute name");
        assertThatThrownBy(() -> init(new HasMailAttributeWithValue(), null, context))
                .hasMessageStartingWith("HasMailAttributeWithValue needs a condition");
    }

    @Test
    void hasExceptionMatchesTheClassAndItsSubclasses() throws Exception {
        var exact = init(new HasException(), "jakarta.mail.internet.AddressException", context);
        var parent = init(new HasException(), " jakarta.mail.MessagingException ", context);
        Mail failed = mail(new Attribute(Mail.MAILET_ERROR, AttributeValue.ofUnserializable(new AddressException("x"))));

        assertThat(exact.match(failed)).hasSize(2);
        assertThat(parent.match(failed)).hasSize(2);
    }

    @Test
    void hasExceptionMatchesNeitherAnotherExceptionNorAMailWithoutError() throws Exception {
        var matcher = init(new HasException(), "jakarta.mail.MessagingException", context);
        Mail failed = mail(new Attribute(Mail.MAILET_ERROR, AttributeValue.ofUnserializable(new IOException("x"))));

        assertThat(matcher.match(failed)).isEmpty();
        assertThat(matcher.match(mail())).isEmpty();
    }

    @Test
    void hasExceptionRefusesAClassThatIsMissingOrNotThrowable() {
        assertThatThrownBy(() -> init(new HasException(), "org.example.NoSuchException", context))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("HasException: no class org.example.NoSuchException can be loaded")
                .hasMessageContaining("e.g. HasException=jakarta.mail.internet.AddressException");
        assertThatThrownBy(() -> init(new HasException(), "java.lang.String", context))
                .hasMessageContaining("HasException: java.lang.String is not a Throwable");
        assertThatThrownBy(() -> init(new HasException(), null, context))
                .hasMessageStartingWith("HasException needs a condition");
    }

    @Test
    void tooManyRecipientsMatchesAMailWithMoreRecipientsThanAllowed() throws Exception {
        var matcher = init(new TooManyRecipients(), "1", context);

        assertThat(matcher.match(mail())).hasSize(2);
    }

    @Test
    void tooManyRecipientsMatchesNoMailAtTheLimit() throws Exception {
        var matcher = init(new TooManyRecipients(), " 2 ", context);

        assertThat(matcher.match(mail())).isEmpty();
    }

    @Test
    void tooManyRecipientsNeedsAPositiveNumber() {
        for (String bad : new String[] {"0", "-3", "ten", "1.5"}) {
            assertThatThrownBy(() -> init(new TooManyRecipients(), bad, context))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("TooManyRecipients: not a whole number of at least 1: " + bad)
                    .hasMessageContaining("e.g. TooManyRecipients=100");
        }
        assertThatThrownBy(() -> init(new TooManyRecipients(), null, context))
                .hasMessageStartingWith("TooManyRecipients needs a condition");
    }

    @Test
    void isSingleRecipientMatchesTheOnlyRecipient() throws Exception {
        var matcher = init(new IsSingleRecipient(), null, context);

        assertThat(matcher.match(from("127.0.0.1"))).hasSize(1);
    }

    @Test
    void isSingleRecipientMatchesNoMailWithSeveral() throws Exception {
        var matcher = init(new IsSingleRecipient(), null, context);

        assertThat(matcher.match(mail())).isEmpty();
    }
}
