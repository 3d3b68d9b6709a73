package org.mailgate.container;

import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.testkit.mailet.FakeMail;

/** Mails for container tests. */
public final class TestMails {

    private TestMails() {
    }

    public static MailgateMail mail(String... recipients) {
        return FakeMail.builder().sender("sender@example.org").recipients(recipients)
                .header("Subject", "test").header("Bcc", "hidden@example.org").body("body\r\n").build();
    }

    public static MailAddress address(String text) {
        return FakeMail.address(text);
    }

    public static List<String> names(Collection<MailAddress> addresses) {
        return addresses.stream().map(MailAddress::asString).toList();
    }
}
