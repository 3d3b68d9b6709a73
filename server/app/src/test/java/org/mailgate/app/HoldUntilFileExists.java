package org.mailgate.app;

import jakarta.mail.MessagingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/** A test mailet that fails until a file exists: it keeps a mail in the spool for as long as a test wants. */
public final class HoldUntilFileExists extends GenericMailet {

    private Path file;

    @Override
    public void init() throws MessagingException {
        file = Path.of(MailetParameters.of(getMailetConfig(), Set.of("file")).required("file"));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!Files.exists(file)) {
            throw new MessagingException("holding " + mail.getName() + " until " + file + " exists");
        }
    }
}
