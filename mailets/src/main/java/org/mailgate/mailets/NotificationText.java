package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.Iterator;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

/**
 * The explanation James's notify mailets (NotifySender, NotifyPostmaster, Bounce) start with: the
 * notice, the error recorded on the mail if any, and the facts of the original mail (subject, date,
 * envelope, From/To/Cc, size).
 */
final class NotificationText {

    private static final String CRLF = OriginalText.CRLF;

    private NotificationText() {
    }

    /** The explanation, then what {@code inline} quotes of the original after an empty line. */
    static String of(String notice, Mail original, Inclusion inline) throws MessagingException {
        String quoted = OriginalText.quoted(original.getMessage(), inline);
        return facts(notice, original) + (quoted.isEmpty() ? "" : CRLF + quoted);
    }

    private static String facts(String notice, Mail original) throws MessagingException {
        MimeMessage message = original.getMessage();
        StringBuilder s = new StringBuilder(notice).append(CRLF);
        if (original.getErrorMessage() != null) {
            s.append(CRLF).append("Error message below:").append(CRLF)
                    .append(original.getErrorMessage()).append(CRLF);
        }
        s.append(CRLF).append("Message details:").append(CRLF);
        if (message.getSubject() != null) {
            s.append("  Subject: ").append(message.getSubject()).append(CRLF);
        }
        if (message.getSentDate() != null) {
            s.append("  Sent date: ").append(message.getSentDate()).append(CRLF);
        }
        s.append("  MAIL FROM: ").append(original.getMaybeSender().asString()).append(CRLF);
        Iterator<MailAddress> recipients = original.getRecipients().iterator();
        if (recipients.hasNext()) {
            s.append("  RCPT TO: ").append(recipients.next().asString()).append(CRLF);
            while (recipients.hasNext()) {
                s.append("           ").append(recipients.next().asString()).append(CRLF);
            }
        }
        header(s, "From", message.getHeader("From", ", "));
        header(s, "To", message.getHeader("To", ", "));
        header(s, "CC", message.getHeader("Cc", ", "));
        long size = original.getMessageSize();
        if (size > 0) {
            s.append("  Size: ").append(size).append(" bytes").append(CRLF);
        }
        if (message.getLineCount() >= 0) {
            s.append("  Number of lines: ").append(message.getLineCount()).append(CRLF);
        }
        return s.toString();
    }

    private static void header(StringBuilder s, String title, String value) {
        if (value != null) {
            s.append("  ").append(title).append(": ").append(decoded(value).replaceAll("\\s*\\r?\\n\\s*", " "))
                    .append(CRLF);
        }
    }

    private static String decoded(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }
}
