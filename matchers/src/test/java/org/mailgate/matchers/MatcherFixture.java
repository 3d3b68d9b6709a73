package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.MailetContext;
import org.apache.mailet.Matcher;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMatcherConfig;

/** What the matcher tests share: starting a matcher as the container does, and reading its answer. */
final class MatcherFixture {

    static final Session SESSION = Session.getInstance(new Properties());

    private MatcherFixture() {
    }

    static <M extends Matcher> M init(M matcher, String condition, MailetContext context) throws MessagingException {
        matcher.init(FakeMatcherConfig.of(matcher.getClass().getSimpleName(), condition, context));
        return matcher;
    }

    static List<String> names(Collection<MailAddress> addresses) {
        return addresses.stream().map(MailAddress::asString).toList();
    }

    /** A mail of {@code message} from a@far.example to the recipients. */
    static MailgateMail mail(MimeMessage message, String... recipients) {
        return MailgateMail.builder("MAIL1")
                .sender(MaybeSender.of(FakeMail.address("a@far.example")))
                .recipients(Arrays.stream(recipients).map(FakeMail::address).toList())
                .message(message)
                .build();
    }

    static MimeMessage newMessage() {
        return new MimeMessage(SESSION);
    }
}
