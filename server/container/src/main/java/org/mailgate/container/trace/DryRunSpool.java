package org.mailgate.container.trace;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.apache.mailet.Mail;
import org.mailgate.api.mail.Envelope;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.spool.Arrival;
import org.mailgate.api.spool.MailSpool;

/**
 * The spool of a trace, as the mailet context sees it: a mail a mailet sends (a bounce, a notification)
 * is recorded and traced after the message, never stored.
 */
public final class DryRunSpool implements MailSpool {

    private final TraceRecorder recorder;

    public DryRunSpool(TraceRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public QueueId reserveId() {
        throw new UnsupportedOperationException("a trace receives no mail over SMTP");
    }

    @Override
    public void accept(QueueId id, Envelope envelope, Arrival arrival, InputStream content) throws IOException {
        throw new IOException("a trace receives no mail over SMTP");
    }

    @Override
    public void send(Mail mail, String state, Duration delay) throws MessagingException {
        recorder.sent(mail, state, delay);
    }
}
