package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Enumeration;
import org.apache.mailet.Mail;
import org.mailgate.api.mail.SpooledMimeMessage;

/**
 * The new message the Redirect family builds when {@code inline} is not {@code unaltered}: a
 * {@code multipart/mixed} of a text part (the message text with what {@code inline} quotes), the
 * attachment {@code attachment} asks for, and the error recorded on the mail when {@code attachError}
 * is set. The Date, From, Reply-To, To and Subject headers of the original are carried over, for the
 * mailet to change afterwards.
 */
final class AlteredMessage {

    private static final String[] CARRIED_HEADERS = {"Date", "From", "Reply-To", "To", "Subject"};

    private AlteredMessage() {
    }

    static MimeMessage build(Mail original, RedirectSettings.NewMessage settings) throws MessagingException {
        MimeMessage source = original.getMessage();
        Inclusion attachment = settings.attachment();
        MimeMessage message = new MimeMessage(SpooledMimeMessage.session());
        Enumeration<String> carried = source.getMatchingHeaderLines(CARRIED_HEADERS);
        while (carried.hasMoreElements()) {
            message.addHeaderLine(carried.nextElement());
        }

        MimeMultipart content = new MimeMultipart("mixed");
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(settings.text().of(original), "UTF-8");
        textPart.setDisposition(Part.INLINE);
        content.addBodyPart(textPart);
        if (attachment != Inclusion.NONE) {
            content.addBodyPart(attachmentPart(source, attachment));
        }
        if (settings.attachError() && original.getErrorMessage() != null) {
            content.addBodyPart(errorPart(original.getErrorMessage()));
        }
        message.setContent(content);
        return message;
    }

    private static MimeBodyPart attachmentPart(MimeMessage source, Inclusion attachment) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        switch (attachment) {
            case HEADS -> part.setText(OriginalText.headers(source), "UTF-8");
            case BODY -> part.setText(OriginalText.body(source), "UTF-8");
            case ALL -> part.setText(OriginalText.headers(source) + OriginalText.CRLF + "Message:" + OriginalText.CRLF
                    + OriginalText.body(source), "UTF-8");
            case MESSAGE -> part.setContent(source, "message/rfc822");
            case NONE, UNALTERED -> throw new IllegalArgumentException("no attachment for " + attachment);
        }
        String subject = source.getSubject();
        part.setFileName(subject == null || subject.isBlank() ? "No Subject" : subject.trim());
        part.setDisposition(Part.ATTACHMENT);
        return part;
    }

    /** The error recorded on the mail, as an attached text named "Reasons", as James attaches it. */
    static MimeBodyPart errorPart(String error) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(error, "UTF-8");
        part.setFileName("Reasons");
        part.setDisposition(Part.ATTACHMENT);
        return part;
    }
}
