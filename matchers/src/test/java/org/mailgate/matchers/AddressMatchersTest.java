package org.mailgate.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailgate.matchers.MatcherFixture.init;
import static org.mailgate.matchers.MatcherFixture.names;

import jakarta.mail.MessagingException;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class AddressMatchersTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example", "corp.test");

    private static Mail mail(String sender, String... recipients) {
        return FakeMail.builder().sender(sender).recipients(recipients).build();
    }

    private static Mail toThree(String sender) {
        return mail(sender, "x@corp.example", "Postmaster@CORP.example", "z@corp.test");
    }

    @Test
    void recipientIsMatchesTheListedRecipientsWhateverTheCase() throws Exception {
        var matcher = init(new RecipientIs(), "postmaster@corp.example,\tnoc@corp.example  Z@Corp.Test", context);

        assertThat(names(matcher.match(toThree("a@far.example"))))
                .containsExactly("Postmaster@corp.example", "z@corp.test");
    }

    @Test
    void recipientIsMatchesNoRecipientOutsideTheList() throws Exception {
        var matcher = init(new RecipientIs(), "noc@corp.example", context);

        assertThat(matcher.match(toThree("a@far.example"))).isEmpty();
    }

    @Test
    void recipientIsRefusesAMissingListAndNamesEveryBadAddress() {
        assertThatThrownBy(() -> init(new RecipientIs(), null, context)).isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("RecipientIs needs a condition")
                .hasMessageContaining("e.g. RecipientIs=postmaster@example.com");
        assertThatThrownBy(() -> init(new RecipientIs(), " , ", context)).isInstanceOf(MessagingException.class)
                .hasMessageContaining("RecipientIs");
        assertThatThrownBy(() -> init(new RecipientIs(), "ok@corp.example, postmaster, <>", context))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("RecipientIs: not a mail address: postmaster, <>")
                .hasMessageContaining("e.g. RecipientIs=");
    }

    @Test
    void recipientIsRegexMatchesWholeAddressesAsWritten() throws Exception {
        var matcher = init(new RecipientIsRegex(), " [a-z]+@corp\\.(example|test) ", context);

        assertThat(names(matcher.match(toThree("a@far.example")))).containsExactly("x@corp.example", "z@corp.test");
    }

    @Test
    void recipientIsRegexMatchesNoAddressThatOnlyContainsThePattern() throws Exception {
        var matcher = init(new RecipientIsRegex(), "corp\\.example", context);

        assertThat(matcher.match(toThree("a@far.example"))).isEmpty();
    }

    @Test
    void recipientIsRegexRefusesABadExpression() {
        assertThatThrownBy(() -> init(new RecipientIsRegex(), "([a-z]+@", context))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("RecipientIsRegex: not a regular expression: ([a-z]+@")
                .hasMessageContaining("e.g. RecipientIsRegex=");
        assertThatThrownBy(() -> init(new RecipientIsRegex(), "", context))
                .hasMessageStartingWith("RecipientIsRegex needs a condition");
    }

    @Test
    void recipientDomainIsComparesDomainsWithoutRegardToCase() throws Exception {
        var matcher = init(new RecipientDomainIs(), "CORP.Example, other.example", context);

        assertThat(names(matcher.match(toThree("a@far.example"))))
                .containsExactly("x@corp.example", "Postmaster@corp.example");
    }

    @Test
    void recipientDomainIsMatchesNoOtherDomainNorASubdomain() throws Exception {
        var matcher = init(new RecipientDomainIs(), "example", context);

        assertThat(matcher.match(mail("a@far.example", "x@corp.example", "y@example.corp"))).isEmpty();
    }

    @Test
    void recipientDomainIsRefusesWhatIsNotADomain() {
        assertThatThrownBy(() -> init(new RecipientDomainIs(), "corp..example, good.example, *.example", context))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("RecipientDomainIs: not a domain: corp..example, *.example")
                .hasMessageContaining("e.g. RecipientDomainIs=example.com");
        assertThatThrownBy(() -> init(new RecipientDomainIs(), null, context))
                .hasMessageStartingWith("RecipientDomainIs needs a condition");
    }

    @Test
    void hostIsMatchesRecipientsOfTheListedHosts() throws Exception {
        var matcher = init(new HostIs(), "corp.TEST", context);

        assertThat(names(matcher.match(toThree("a@far.example")))).containsExactly("z@corp.test");
    }

    @Test
    void hostIsMatchesNoRecipientOfAnotherHost() throws Exception {
        var matcher = init(new HostIs(), "far.example", context);

        assertThat(matcher.match(toThree("a@far.example"))).isEmpty();
    }

    @Test
    void hostIsRefusesAMissingOrBadList() {
        assertThatThrownBy(() -> init(new HostIs(), null, context)).isInstanceOf(MessagingException.class)
                .hasMessageContaining("HostIs needs a condition").hasMessageContaining("e.g. HostIs=");
        assertThatThrownBy(() -> init(new HostIs(), "-bad.example", context))
                .hasMessageContaining("HostIs: not a domain: -bad.example");
    }

    @Test
    void senderIsMatchesAllRecipientsOfAListedSenderWhateverTheCase() throws Exception {
        var matcher = init(new SenderIs(), "A@Far.Example, b@far.example", context);

        assertThat(matcher.match(toThree("a@far.example"))).hasSize(3);
    }

    @Test
    void senderIsMatchesNothingFromAnotherSenderNorTheNullSenderUnlessListed() throws Exception {
        var matcher = init(new SenderIs(), "b@far.example", context);

        assertThat(matcher.match(toThree("a@far.example"))).isEmpty();
        assertThat(matcher.match(toThree(""))).isEmpty();
    }

    @Test
    void senderIsMatchesTheNullSenderWrittenAsAngleBrackets() throws Exception {
        var matcher = init(new SenderIs(), "<>", context);

        assertThat(matcher.match(toThree(""))).hasSize(3);
        assertThat(matcher.match(toThree("a@far.example"))).isEmpty();
    }

    @Test
    void senderIsRefusesAMissingListOrBadAddress() {
        assertThatThrownBy(() -> init(new SenderIs(), null, context)).isInstanceOf(MessagingException.class)
                .hasMessageContaining("SenderIs needs a condition").hasMessageContaining("e.g. SenderIs=");
        assertThatThrownBy(() -> init(new SenderIs(), "a@far.example, a@", context))
                .hasMessageContaining("SenderIs: not a mail address: a@");
    }

    @Test
    void senderIsRegexMatchesTheWholeSenderAddress() throws Exception {
        var matcher = init(new SenderIsRegex(), "(.*)@far\\.example", context);

        assertThat(matcher.match(toThree("a@far.example"))).hasSize(3);
    }

    @Test
    void senderIsRegexMatchesNeitherAnotherSenderNorTheNullSender() throws Exception {
        var matcher = init(new SenderIsRegex(), ".*", context);
        var strict = init(new SenderIsRegex(), "b@.*", context);

        assertThat(matcher.match(toThree(""))).isEmpty();
        assertThat(strict.match(toThree("a@far.example"))).isEmpty();
    }

    @Test
    void senderIsRegexRefusesABadExpression() {
        assertThatThrownBy(() -> init(new SenderIsRegex(), "*@far", context)).isInstanceOf(MessagingException.class)
                .hasMessageContaining("SenderIsRegex: not a regular expression: *@far")
                .hasMessageContaining("e.g. SenderIsRegex=");
    }

    @Test
    void senderDomainIsMatchesAllRecipientsOfASenderInTheDomains() throws Exception {
        var matcher = init(new SenderDomainIs(), "FAR.example other.example", context);

        assertThat(matcher.match(toThree("a@far.example"))).hasSize(3);
    }

    @Test
    void senderDomainIsMatchesNeitherAnotherDomainNorTheNullSender() throws Exception {
        var matcher = init(new SenderDomainIs(), "corp.example", context);

        assertThat(matcher.match(toThree("a@far.example"))).isEmpty();
        assertThat(matcher.match(toThree(""))).isEmpty();
    }

    @Test
    void senderDomainIsRefusesAMissingOrBadList() {
        assertThatThrownBy(() -> init(new SenderDomainIs(), null, context)).isInstanceOf(MessagingException.class)
                .hasMessageContaining("SenderDomainIs needs a condition")
                .hasMessageContaining("e.g. SenderDomainIs=");
        assertThatThrownBy(() -> init(new SenderDomainIs(), "far_.example!", context))
                .hasMessageContaining("SenderDomainIs: not a domain: far_.example!");
    }

    @Test
    void senderIsLocalMatchesASenderInALocalDomain() throws Exception {
        var matcher = init(new SenderIsLocal(), null, context);

        assertThat(matcher.match(toThree("boss@CORP.example"))).hasSize(3);
    }

    @Test
    void senderIsLocalMatchesNeitherARemoteSenderNorTheNullSender() throws Exception {
        var matcher = init(new SenderIsLocal(), null, context);

        assertThat(matcher.match(toThree("a@far.example"))).isEmpty();
        assertThat(matcher.match(toThree(""))).isEmpty();
    }

    @Test
    void senderIsNullMatchesOnlyTheNullSender() throws Exception {
        var matcher = init(new SenderIsNull(), null, context);

        assertThat(matcher.match(toThree(""))).hasSize(3);
        assertThat(matcher.match(toThree("a@far.example"))).isEmpty();
    }
}
