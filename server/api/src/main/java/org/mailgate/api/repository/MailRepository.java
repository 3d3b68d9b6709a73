package org.mailgate.api.repository;

import jakarta.mail.MessagingException;
import java.util.List;
import java.util.Optional;
import org.apache.mailet.Mail;

/** A named store of mails kept for people to look at (errors, quarantine). */
public interface MailRepository {

    MailRepositoryUrl url();

    /**
     * Stores a copy of {@code mail} and returns its key. Inside a spool unit this is part of the unit's
     * transaction.
     */
    String store(Mail mail) throws MessagingException;

    long size();

    /** Keys, oldest first. */
    List<String> keys(int offset, int limit);

    Optional<Mail> retrieve(String key) throws MessagingException;

    boolean remove(String key);
}
