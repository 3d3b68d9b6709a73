package org.mailgate.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.Matcher;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMatcherConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class MatchersTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example", "corp.test");

    private Matcher init(Matcher matcher, String condition) throws MessagingException {
        matcher.init(FakeMatcherConfig.of(matcher.getClass().getSimpleName(), condition, context));
        return matcher;
    }

    private static Mail mailFrom(String remoteAddr) {
        return FakeMail.builder().remoteAddr(remoteAddr).sender("a@far.example")
                .recipients("x@corp.example", "y@far.example", "z@corp.test").build();
    }

    private static Collection<String> names(Collection<MailAddress> addresses) {
        return addresses.stream().map(MailAddress::asString).toList();
    }

    @Test
    void allMatchesEveryRecipient() throws Exception {
        Matcher matcher = init(new All(), null);

        assertThat(names(matcher.match(mailFrom("192.0.2.1"))))
                .containsExactly("x@corp.example", "y@far.example", "z@corp.test");
    }

    @Test
    void hostIsLocalMatchesRecipientsInLocalDomainsWhateverTheCase() throws Exception {
        Matcher matcher = init(new HostIsLocal(), null);

        assertThat(names(matcher.match(mailFrom("192.0.2.1")))).containsExactly("x@corp.example", "z@corp.test");
    }

    @Test
    void recipientIsLocalAsksTheContext() throws Exception {
        Matcher matcher = init(new RecipientIsLocal(), null);

        assertThat(names(matcher.match(mailFrom("192.0.2.1")))).containsExactly("x@corp.example", "z@corp.test");
    }

    @Test
    void remoteAddrInNetworkMatchesAllRecipientsOfAClientInsideTheNetworks() throws Exception {
        Matcher matcher = init(new RemoteAddrInNetwork(), "127.0.0.0/8, 10.0.0.0/255.0.0.0, 192.168.*, 2001:db8::/32");

        assertThat(matcher.match(mailFrom("127.0.0.1"))).hasSize(3);
        assertThat(matcher.match(mailFrom("10.200.3.4"))).hasSize(3);
        assertThat(matcher.match(mailFrom("192.168.77.1"))).hasSize(3);
        assertThat(matcher.match(mailFrom("2001:db8:0:1::25"))).hasSize(3);
        assertThat(matcher.match(mailFrom("[2001:db8::1]"))).hasSize(3);
    }

    @Test
    void remoteAddrInNetworkMatchesNoRecipientOfAClientOutside() throws Exception {
        Matcher matcher = init(new RemoteAddrInNetwork(), "127.0.0.0/8, 192.168.*, 2001:db8::/32");

        assertThat(matcher.match(mailFrom("128.0.0.1"))).isEmpty();
        assertThat(matcher.match(mailFrom("192.169.0.1"))).isEmpty();
        assertThat(matcher.match(mailFrom("2001:db9::1"))).isEmpty();
        assertThat(matcher.match(mailFrom("not-an-address"))).isEmpty();
    }

    @Test
    void remoteAddrInNetworkNeedsAValidCondition() {
        assertThatThrownBy(() -> init(new RemoteAddrInNetwork(), null))
                .isInstanceOf(MessagingException.class).hasMessageContaining("network list is required");
        assertThatThrownBy(() -> init(new RemoteAddrInNetwork(), "127.0.0.0/33"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("127.0.0.0/33");
    }
}
