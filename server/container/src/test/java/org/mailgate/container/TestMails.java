package org.mailgate.container;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Mail;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mail.MessageParts;

/** Mails for container tests. */
public final class TestMails {

    private TestMails() {
    }

    public static MailgateMail mail(String... recipients) {
        return MailgateMail.builder("MAIL1")
                .state(Mail.DEFAULT)
                .sender(MaybeSender.of(address("sender@example.org")))
                .recipients(Arrays.stream(recipients).map(TestMails::address).toList())
                .parts(new MessageParts("Subject: test\r\nBcc: hidden@example.org\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII), new ByteArrayBodySource("body\r\n".getBytes(StandardCharsets.US_ASCII))))
                .build();
    }

    public static MailAddress address(String text) {
        try {
            return new MailAddress(text);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static List<String> names(java.util.Collection<MailAddress> addresses) {
        return addresses.stream().map(MailAddress::asString).toList();
    }
}
