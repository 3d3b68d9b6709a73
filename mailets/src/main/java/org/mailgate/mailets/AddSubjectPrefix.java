package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Puts a prefix (a tag such as {@code [robot]}) before the subject, separated by a space; a message
 * without a subject (or with an empty one) gets the prefix as its subject. Parameter
 * {@code subjectPrefix} (required).
 *
 * <p>The subject is read as text (RFC 2047 encoded words decoded, raw UTF-8 recognised) and written
 * back RFC 2047 encoded in UTF-8 when it is not ASCII, folded, so an encoded subject stays valid.
 * Nothing else in the message changes.
 */
public final class AddSubjectPrefix extends GenericMailet {

    private static final String SUBJECT = "Subject";

    private String prefix;

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), Set.of("subjectPrefix"));
        prefix = HeaderValues.checkedValue("subjectPrefix", parameters.required("subjectPrefix"));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        String subject = HeaderValues.text(message, SUBJECT)
                .filter(s -> !s.isBlank())
                .map(s -> prefix + " " + s)
                .orElse(prefix);
        message.setHeader(SUBJECT, HeaderValues.encoded(SUBJECT, subject));
    }

    @Override
    public String getMailetInfo() {
        return "AddSubjectPrefix Mailet";
    }
}
