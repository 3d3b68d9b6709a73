package org.mailgate.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailgate.api.droplist.DropListEntry;
import org.mailgate.api.droplist.DropListOwner;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMatcherConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class IsInDropListTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");
    private final InMemoryDropList dropList = new InMemoryDropList();

    private IsInDropList matcher(String condition) throws MessagingException {
        IsInDropList matcher = new IsInDropList(dropList);
        matcher.init(FakeMatcherConfig.of("IsInDropList", condition, context));
        return matcher;
    }

    private static Mail mail(String sender) {
        return FakeMail.builder().sender(sender).recipients("owner@corp.example", "other@elsewhere.example").build();
    }

    private static List<String> names(Collection<MailAddress> addresses) {
        return addresses.stream().map(MailAddress::asString).toList();
    }

    private static MailAddress address(String text) {
        return FakeMail.address(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"attacker@evil.example", "evil.example"})
    void aGlobalEntryLeavesOutEveryRecipient(String denied) throws Exception {
        dropList.add(DropListEntry.deny(DropListOwner.global(), denied));

        assertThat(matcher(null).match(mail("attacker@evil.example"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"attacker@evil.example", "evil.example"})
    void aDomainEntryLeavesOutTheRecipientsOfThatDomainOnly(String denied) throws Exception {
        dropList.add(DropListEntry.deny(DropListOwner.domain(Domain.of("corp.example")), denied));

        assertThat(names(matcher(null).match(mail("attacker@evil.example")))).containsExactly("other@elsewhere.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"attacker@evil.example", "evil.example"})
    void aUserEntryLeavesOutThatRecipientOnly(String denied) throws Exception {
        dropList.add(DropListEntry.deny(DropListOwner.user(address("owner@corp.example")), denied));

        assertThat(names(matcher(null).match(mail("attacker@evil.example")))).containsExactly("other@elsewhere.example");
    }

    @Test
    void aSenderNobodyDeniesMatchesEveryRecipient() throws Exception {
        dropList.add(DropListEntry.deny(DropListOwner.global(), "attacker@evil.example"));
        dropList.add(DropListEntry.deny(DropListOwner.user(address("owner@corp.example")), "evil.example"));

        assertThat(names(matcher(null).match(mail("friend@good.example"))))
                .containsExactly("owner@corp.example", "other@elsewhere.example");
    }

    @Test
    void aBounceHasNoSenderToDenyAndMatchesEveryRecipient() throws Exception {
        dropList.add(DropListEntry.deny(DropListOwner.global(), "evil.example"));

        assertThat(names(matcher(null).match(mail("")))).containsExactly("owner@corp.example", "other@elsewhere.example");
    }

    @Test
    void anEmptyConditionIsRefusedToo() {
        assertThatThrownBy(() -> matcher("")).isInstanceOf(MessagingException.class)
                .hasMessageContaining("IsInDropList takes no condition");
    }

    @Test
    void aConditionIsRefused() {
        assertThatThrownBy(() -> matcher("evil.example")).isInstanceOf(MessagingException.class)
                .hasMessageContaining("IsInDropList takes no condition");
    }
}
