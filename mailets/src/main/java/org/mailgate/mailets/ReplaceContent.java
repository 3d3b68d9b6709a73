package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext.LogLevel;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Replaces text in the subject and in the body with regular expressions, as James's ReplaceContent.
 * Parameters:
 * <ul>
 *   <li>{@code subjectPattern}: rules applied to the subject;</li>
 *   <li>{@code bodyPattern}: rules applied to the body of a single-part {@code text/*} message (a
 *       multipart body is left alone, as in James);</li>
 *   <li>{@code charset}: the charset the changed subject and body are written in (default: the
 *       message's own, UTF-8 when that cannot carry the new text);</li>
 *   <li>{@code debug} (0 or 1): 1 logs each change at DEBUG.</li>
 * </ul>
 * At least one of {@code subjectPattern} and {@code bodyPattern} is required. Rules are written as
 * {@link ReplacingPattern} describes: {@code /regex/substitution/flags/}, several joined by {@code ,}.
 * James's {@code subjectPatternFile} and {@code bodyPatternFile} are refused: Mailgate does not read
 * pattern files (yet); write the rules in the parameters.
 *
 * <p>Only what a rule actually changed is rewritten: a subject is RFC 2047 encoded when not ASCII; a
 * body keeps its transfer encoding where it can carry the new text. A text body that cannot be read
 * safely (unknown charset, bytes not valid in it) makes the mailet fail with the reason, and the message
 * is not changed. Other headers, Message-ID included, stay as they are.
 */
// MailetContext.log(LogLevel, ...) is deprecated in the Mailet API, yet it is the levelled log the
// container routes (and the test context records); RemoteDelivery uses it too.
@SuppressWarnings("deprecation")
public final class ReplaceContent extends GenericMailet {

    private static final String SUBJECT = "Subject";

    private List<ReplacingPattern> subjectRules;
    private List<ReplacingPattern> bodyRules;
    private Optional<Charset> charset;
    private boolean debug;

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), Set.of("subjectPattern", "bodyPattern",
                "subjectPatternFile", "bodyPatternFile", "charset", "debug"));
        for (String file : List.of("subjectPatternFile", "bodyPatternFile")) {
            if (parameters.get(file).isPresent()) {
                throw new MessagingException("parameter " + file + " is not offered yet: Mailgate does not read"
                        + " pattern files; write the rules in subjectPattern or bodyPattern");
            }
        }
        subjectRules = rules(parameters, "subjectPattern");
        bodyRules = rules(parameters, "bodyPattern");
        if (subjectRules.isEmpty() && bodyRules.isEmpty()) {
            throw new MessagingException("ReplaceContent needs subjectPattern or bodyPattern");
        }
        Optional<String> charsetName = parameters.get("charset").filter(s -> !s.isEmpty());
        charset = charsetName.isEmpty() ? Optional.empty() : Optional.of(charset(charsetName.get()));
        debug = parameters.number("debug", 0, 1, 0) == 1;
    }

    private static List<ReplacingPattern> rules(MailetParameters parameters, String name) throws MessagingException {
        Optional<String> value = parameters.get(name).filter(s -> !s.isEmpty());
        return value.isEmpty() ? List.of() : ReplacingPattern.parseList(name, value.get());
    }

    private static Charset charset(String name) throws MessagingException {
        return TextBody.charsetNamed(name).orElseThrow(() -> new MessagingException("parameter charset: '" + name
                + "' is not a charset this server knows"));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        TextBody body = null;
        String newBody = null;
        if (!bodyRules.isEmpty() && message.isMimeType("text/*")) {
            try {
                body = TextBody.read(message);
            } catch (TextBody.Unsafe e) {
                throw new MessagingException("ReplaceContent cannot change the body of mail " + mail.getName()
                        + ": " + e.getMessage());
            }
            newBody = ReplacingPattern.applyAll(bodyRules, body.text());
        }
        if (!subjectRules.isEmpty()) {
            replaceSubject(mail, message);
        }
        if (body != null && !newBody.equals(body.text())) {
            body.replace(newBody, charset.orElse(body.charset()));
            MessageChanges.save(mail);
            debug(mail, "body");
        }
    }

    private void replaceSubject(Mail mail, MimeMessage message) throws MessagingException {
        String subject = HeaderValues.text(message, SUBJECT).orElse("");
        String replaced = ReplacingPattern.applyAll(subjectRules, subject);
        if (!replaced.equals(subject)) {
            Charset target = charset.isPresent() ? charset.get() : declaredCharset(message);
            message.setHeader(SUBJECT, HeaderValues.encoded(SUBJECT, replaced, target));
            debug(mail, "subject");
        }
    }

    /** The charset the message's Content-Type declares, as James uses for the subject; else UTF-8. */
    private static Charset declaredCharset(MimeMessage message) {
        try {
            String declared = new ContentType(message.getContentType()).getParameter("charset");
            return declared == null ? StandardCharsets.UTF_8
                    : TextBody.charsetNamed(declared).orElse(StandardCharsets.UTF_8);
        } catch (MessagingException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private void debug(Mail mail, String what) {
        if (debug) {
            getMailetContext().log(LogLevel.DEBUG, "ReplaceContent: rules changed the " + what + " of mail "
                    + mail.getName());
        }
    }

    @Override
    public String getMailetInfo() {
        return "ReplaceContent";
    }
}
