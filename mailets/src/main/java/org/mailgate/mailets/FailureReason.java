package org.mailgate.mailets;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;

/**
 * Why a mail is reported, as a delivery status notification needs it: the error text recorded on the
 * mail, the RFC 3463 status code it carries, and the SMTP reply it is, if it is one.
 *
 * <p>The error is read from, in order: James's {@code delivery-error} attribute (set by James's remote
 * delivery), the mail's error message (set by the container when a mailet or matcher fails, or by
 * ToProcessor's {@code notice}), and {@link Mail#MAILET_ERROR} (the exception behind it). The status is
 * the first {@code x.y.z} code in that text, else the class of a leading SMTP reply code
 * ({@code 550 ...} gives {@code 5.0.0}), else the default.
 *
 * @param text      the error, if any was recorded
 * @param status    the status code for the report
 * @param smtpReply the text again when it is an SMTP reply ({@code 550 5.1.1 ...}), for Diagnostic-Code
 */
record FailureReason(Optional<String> text, String status, Optional<String> smtpReply) {

    /** The attribute James's remote delivery records its error in. */
    static final AttributeName DELIVERY_ERROR = AttributeName.of("delivery-error");

    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
    private static final Pattern SMTP_REPLY = Pattern.compile("^([245])\\d\\d(?:[ -].*)?$", Pattern.DOTALL);
    private static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    static FailureReason of(Mail mail, String defaultStatus) {
        Optional<String> text = errorText(mail);
        String status = defaultStatus;
        Optional<String> reply = Optional.empty();
        if (text.isPresent()) {
            String error = text.get().trim();
            Matcher smtp = SMTP_REPLY.matcher(error);
            Matcher enhanced = ENHANCED.matcher(error);
            if (smtp.matches()) {
                reply = Optional.of(error);
            }
            if (enhanced.find()) {
                status = enhanced.group(1) + "." + enhanced.group(2) + "." + enhanced.group(3);
            } else if (smtp.matches()) {
                status = smtp.group(1) + ".0.0";
            }
        }
        return new FailureReason(text, status, reply);
    }

    /** Whether {@code value} is an RFC 3463 status code of class 2, 4 or 5. */
    static boolean isStatus(String value) {
        return STATUS.matcher(value).matches();
    }

    private static Optional<String> errorText(Mail mail) {
        Optional<String> recorded = mail.getAttribute(DELIVERY_ERROR).flatMap(FailureReason::text);
        if (recorded.isPresent()) {
            return recorded;
        }
        if (mail.getErrorMessage() != null && !mail.getErrorMessage().isBlank()) {
            return Optional.of(mail.getErrorMessage());
        }
        return mail.getAttribute(Mail.MAILET_ERROR).flatMap(FailureReason::text);
    }

    private static Optional<String> text(Attribute attribute) {
        Object value = attribute.getValue().value();
        String text = switch (value) {
            case String s -> s;
            case Throwable t -> t.getMessage() == null ? t.toString() : t.getMessage();
            case null -> null;
            default -> value.toString();
        };
        return Optional.ofNullable(text).filter(s -> !s.isBlank());
    }
}
