package org.mailgate.app;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;
import org.mailgate.testkit.Await;

/**
 * A test mailet that keeps a mail in processing: it writes {@code file.waiting}, waits until {@code file}
 * exists, and marks the mail {@code X-Destroyed-Meanwhile: yes} if it was destroyed during the wait. Its
 * {@code destroy()} writes {@code file.destroyed}.
 */
public final class WaitForFile extends GenericMailet {

    private Path file;
    private volatile boolean destroyed;

    @Override
    public void init() throws MessagingException {
        file = Path.of(MailetParameters.of(getMailetConfig(), Set.of("file")).required("file"));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        touch(Path.of(file + ".waiting"));
        Await.until(Duration.ofSeconds(60), () -> Files.exists(file), () -> file.toString());
        if (destroyed) {
            mail.getMessage().setHeader("X-Destroyed-Meanwhile", "yes");
            mail.getMessage().saveChanges();
        }
    }

    @Override
    public void destroy() {
        destroyed = true;
        touch(Path.of(file + ".destroyed"));
    }

    private static void touch(Path path) {
        try {
            Files.writeString(path, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
