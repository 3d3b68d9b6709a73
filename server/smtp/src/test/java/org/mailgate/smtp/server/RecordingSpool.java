package org.mailgate.smtp.server;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.mailet.Mail;
import org.mailgate.api.mail.Envelope;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.spool.Arrival;
import org.mailgate.api.spool.MailSpool;

/**
 * A spool that keeps what it accepts in memory, for SMTP tests (the H2 spool has its own tests and
 * the end-to-end tests use it). It reads content to its end exactly as the real spool does, and can be
 * told to fail like a full disk.
 */
public final class RecordingSpool implements MailSpool {

    public record Accepted(QueueId id, Envelope envelope, Arrival arrival, byte[] content) {
        public String text() {
            return new String(content, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final AtomicLong ids = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Accepted> accepted = new ArrayList<>();
    private volatile boolean failing;

    public void failFromNowOn() {
        failing = true;
    }

    public List<Accepted> accepted() {
        lock.lock();
        try {
            return List.copyOf(accepted);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public QueueId reserveId() {
        return new QueueId(ids.incrementAndGet());
    }

    @Override
    public void accept(QueueId id, Envelope envelope, Arrival arrival, InputStream content) throws IOException {
        byte[] bytes = content.readAllBytes();
        if (failing) {
            throw new IOException("disk full");
        }
        lock.lock();
        try {
            accepted.add(new Accepted(id, envelope, arrival, bytes));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void send(Mail mail, String state, Duration delay) throws MessagingException {
        throw new MessagingException("SMTP never sends mail itself");
    }
}
