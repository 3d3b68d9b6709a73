package org.mailgate.container.context;

import jakarta.mail.MessagingException;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Mail;
import org.mailgate.api.dsn.DsnMessage;
import org.mailgate.api.dsn.RecipientStatus;
import org.mailgate.api.mail.MailgateMail;

/**
 * The bounce a mailet asks for through {@code MailetContext.bounce}: an RFC 3464 report to the
 * envelope sender, itself sent from the null sender so that it can never bounce back.
 */
final class BounceFactory {

    private final ContextSettings settings;

    BounceFactory(ContextSettings settings) {
        this.settings = settings;
    }

    Mail bounce(Mail original, String reason, MailAddress bouncer) throws MessagingException {
        List<RecipientStatus> statuses = original.getRecipients().stream()
                .map(r -> RecipientStatus.failed(r, "5.0.0", reason)).toList();
        String text = "This is the mail system at " + settings.hostName() + ".\n\n"
                + "Your message could not be delivered to one or more recipients:\n\n"
                + String.join("\n", original.getRecipients().stream().map(MailAddress::asString).toList())
                + "\n\nReason: " + reason + "\n";
        var message = DsnMessage.build(original, bouncer, settings.hostName(),
                "Undelivered Mail Returned to Sender", text, statuses, ZonedDateTime.now());
        return MailgateMail.builder(original.getName() + "-bounce")
                .sender(MaybeSender.nullSender())
                .recipients(List.of(original.getMaybeSender().get()))
                .message(message)
                .state(Mail.DEFAULT)
                .build();
    }
}
