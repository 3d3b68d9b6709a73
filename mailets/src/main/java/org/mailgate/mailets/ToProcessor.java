package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Moves the mail to another processor. Parameters: {@code processor} (required), {@code notice}
 * (optional; recorded as the mail's error message).
 */
public final class ToProcessor extends GenericMailet {

    private String processor;
    private String notice;

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), Set.of("processor", "notice"));
        processor = parameters.required("processor");
        notice = parameters.get("notice").orElse(null);
    }

    @Override
    public void service(Mail mail) {
        if (notice != null) {
            mail.setErrorMessage(notice);
        }
        mail.setState(processor);
    }

    /** The processor mail is sent to, for the container's reference check. */
    public String processor() {
        return processor;
    }

    @Override
    public String getMailetInfo() {
        return "ToProcessor Mailet";
    }
}
