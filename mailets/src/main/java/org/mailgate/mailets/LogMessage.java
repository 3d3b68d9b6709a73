package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext.LogLevel;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Logs a mail's header lines and/or body, as one log entry through the mailet context. Parameters,
 * as in James:
 * <ul>
 *   <li>{@code headers} (default true): log the header lines;</li>
 *   <li>{@code body} (default true): log the body, transfer-decoded, read as UTF-8;</li>
 *   <li>{@code maxBody} (default 0, meaning all of it): log at most that many bytes of the body;</li>
 *   <li>{@code comment}: a line logged before the rest;</li>
 *   <li>{@code level} (default INFO): DEBUG, INFO, WARN or ERROR;</li>
 *   <li>{@code passThrough} (default true): when false the mail is ghosted after being logged.</li>
 * </ul>
 * The message is only read, never changed.
 */
// MailetContext.log(LogLevel, ...) is deprecated in the Mailet API, yet it is the levelled log the
// container routes (and the test context records); RemoteDelivery uses it too.
@SuppressWarnings("deprecation")
public final class LogMessage extends GenericMailet {

    private boolean headers;
    private boolean body;
    private long maxBody;
    private String comment;
    private LogLevel level;
    private boolean passThrough;

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(),
                Set.of("headers", "body", "maxBody", "comment", "level", "passThrough"));
        headers = parameters.bool("headers", true);
        body = parameters.bool("body", true);
        maxBody = parameters.number("maxBody", 0, Integer.MAX_VALUE, 0);
        comment = parameters.get("comment").filter(s -> !s.isEmpty()).orElse(null);
        level = level(parameters.get("level").orElse("INFO"));
        passThrough = parameters.bool("passThrough", true);
    }

    private static LogLevel level(String value) throws MessagingException {
        try {
            return LogLevel.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MessagingException("parameter level must be DEBUG, INFO, WARN or ERROR, not '" + value + "'");
        }
    }

    /** A message that cannot be read is reported at ERROR and the mail goes on, as in James. */
    @Override
    public void service(Mail mail) {
        try {
            getMailetContext().log(level, entry(mail));
        } catch (MessagingException e) {
            getMailetContext().log(LogLevel.ERROR, "LogMessage: cannot log mail " + mail.getName(), e);
        }
        if (!passThrough) {
            mail.setState(Mail.GHOST);
        }
    }

    private String entry(Mail mail) throws MessagingException {
        StringBuilder entry = new StringBuilder("Logging mail ").append(mail.getName());
        if (comment != null) {
            entry.append('\n').append(comment);
        }
        MimeMessage message = mail.getMessage();
        if (headers) {
            entry.append('\n').append(String.join("\n", Collections.list(message.getAllHeaderLines())));
        }
        if (body) {
            entry.append("\n\n").append(body(message));
        }
        return entry.toString();
    }

    /** The body as UTF-8; when cut at {@code maxBody}, a character cut in two is left out. */
    private String body(MimeMessage message) throws MessagingException {
        try (InputStream in = message.getInputStream()) {
            if (maxBody == 0) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            byte[] bytes = in.readNBytes((int) maxBody);
            CharBuffer text = CharBuffer.allocate(bytes.length);
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes), text, in.read() < 0);
            return text.flip().toString();
        } catch (IOException e) {
            throw new MessagingException("cannot read the body of the message: " + e.getMessage(), e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "LogHeaders Mailet";
    }
}
