package org.mailgate.api.spool;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.mailet.Mail;
import org.mailgate.api.mail.Envelope;
import org.mailgate.api.mail.QueueId;

/** The durable entrance to processing: every mail enters the processors through the spool. */
public interface MailSpool {

    /** The id the next accepted message will carry; reserved first so the Received header can name it. */
    QueueId reserveId();

    /**
     * Stores a message received over SMTP, to be processed from the {@code root} processor. Returns only
     * once the message and its envelope are committed and on stable storage: only then may the client
     * be told {@code 250}.
     *
     * @param content the raw message (header section, empty line, body), read to its end
     * @throws IOException if {@code content} fails (the client's error or a policy check in the stream)
     *                     or storage fails; nothing is stored then
     */
    void accept(QueueId id, Envelope envelope, Arrival arrival, InputStream content) throws IOException;

    /**
     * Puts {@code mail} into the spool to be processed from processor {@code state}. Inside a
     * {@link SpoolUnit} it is part of that unit's transaction; otherwise it is stored at once, durably.
     */
    default void send(Mail mail, String state) throws MessagingException {
        send(mail, state, java.time.Duration.ZERO);
    }

    /** As {@link #send(Mail, String)}, to be processed no earlier than {@code delay} from now. */
    void send(Mail mail, String state, java.time.Duration delay) throws MessagingException;
}
