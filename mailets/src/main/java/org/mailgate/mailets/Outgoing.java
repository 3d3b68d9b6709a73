package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.LoopPrevention;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.mailgate.api.mail.MailgateMail;

/**
 * Hands a mail made by one of these mailets to the context, to be processed from {@code root}. In
 * Mailgate that is a durable hand-off into the spool, in the same transaction as the mail being
 * processed. The new mail carries no attribute of the original except James's loop-prevention record.
 */
final class Outgoing {

    private Outgoing() {
    }

    static Mail send(MailetContext context, Mail original, String suffix, MaybeSender sender,
                     Collection<MailAddress> recipients, MimeMessage message) throws MessagingException {
        MailgateMail.Builder mail = MailgateMail.builder(original.getName() + "-" + suffix)
                .sender(sender)
                .recipients(recipients)
                .message(message)
                .state(Mail.DEFAULT);
        original.getAttribute(LoopPrevention.RECORDED_RECIPIENTS_ATTRIBUTE_NAME).ifPresent(mail::attribute);
        MailgateMail built = mail.build();
        context.sendMail(built);
        return built;
    }

    /** The log line for a mail that is not answered because it came from the null reverse-path. */
    static void logNullSender(MailetContext context, String mailetName, Mail original) {
        context.log(MailetContext.LogLevel.INFO, mailetName + ": " + original.getName() + " comes from the null "
                + "reverse-path <>; nothing is sent back (RFC 3464, RFC 5321 4.5.5)");
    }

    static void logSent(MailetContext context, String mailetName, Mail original, Mail sent) {
        context.log(MailetContext.LogLevel.INFO, mailetName + ": " + original.getName() + " -> new mail from "
                + sent.getMaybeSender().asString() + " to " + sent.getRecipients());
    }
}
