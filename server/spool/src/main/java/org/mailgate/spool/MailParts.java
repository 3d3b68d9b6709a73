package org.mailgate.spool;

import jakarta.mail.MessagingException;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import org.apache.mailet.Mail;
import org.mailgate.api.mail.BodySource;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;

/** Converts between {@link Mail} objects and stored rows. */
final class MailParts {

    private MailParts() {
    }

    /** The message of any {@link Mail} in stored form; Mailgate's own mails share their body. */
    static MessageParts of(Mail mail) throws MessagingException {
        if (mail instanceof MailgateMail own) {
            return own.messageParts();
        }
        return MessageParts.of(mail.getMessage());
    }

    static MailRecord record(Mail mail, QueueId queueId, byte[] headers, long bodyId, Clock clock) {
        return new MailRecord(queueId, mail.getName(), mail.getMaybeSender(), java.util.List.copyOf(mail.getRecipients()),
                headers, bodyId, attributes(mail), mail.getErrorMessage(),
                Objects.requireNonNullElse(mail.getRemoteAddr(), "127.0.0.1"),
                Objects.requireNonNullElse(mail.getRemoteHost(), "localhost"), clock.millis());
    }

    /** The stored form of the mail's attributes: kept as loaded when nobody touched them. */
    private static String attributes(Mail mail) {
        if (mail instanceof MailgateMail own && own.storedAttributes().isPresent()) {
            return own.storedAttributes().get();
        }
        return AttributesJson.write(mail.attributes(), mail.getName());
    }

    static MailgateMail.Builder toMail(MailRecord record, BodySource body) {
        return MailgateMail.builder(record.name())
                .sender(record.sender())
                .recipients(record.recipients())
                .parts(new MessageParts(record.headers(), body))
                .storedAttributes(record.attributesJson(), AttributesJson::read)
                .errorMessage(record.errorMessage())
                .remoteAddr(record.remoteAddr())
                .remoteHost(record.remoteHost())
                .lastUpdated(new Date(record.createdAt()));
    }
}
