package org.mailgate.api.repository;

import jakarta.mail.MessagingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.mailet.Mail;
import org.mailgate.api.BatchProgress;

/**
 * A named store of mails kept for people to look at (errors, quarantine). Every change made inside a
 * spool unit is part of the unit's transaction; outside one (an operator's call) it is on stable
 * storage before the call returns.
 */
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

    /** The whole mail stored under {@code key}: envelope, attributes, error message, state and message. */
    Optional<Mail> retrieve(String key) throws MessagingException;

    boolean remove(String key);

    /**
     * Summaries of the stored mails, oldest first, {@code limit} of them from position {@code offset}.
     * This default reads each mail whole; a store should answer from its index instead.
     */
    default List<StoredMailSummary> list(int offset, int limit) throws MessagingException {
        List<StoredMailSummary> summaries = new ArrayList<>();
        for (String key : keys(offset, limit)) {
            Optional<Mail> mail = retrieve(key);
            if (mail.isPresent()) {
                Mail m = mail.get();
                summaries.add(new StoredMailSummary(key, m.getName(), m.getMaybeSender(), List.copyOf(m.getRecipients()),
                        Objects.requireNonNullElse(m.getState(), Mail.DEFAULT), Optional.ofNullable(m.getErrorMessage()),
                        m.getMessageSize(), m.getLastUpdated() == null ? Instant.EPOCH : m.getLastUpdated().toInstant()));
            }
        }
        return summaries;
    }

    /**
     * Removes every mail stored when the call began; returns how many were removed. This default removes
     * them one by one; a store should do it in few transactions.
     */
    default long removeAll() {
        return removeAll(BatchProgress.TO_THE_END).processed();
    }

    /**
     * Removes every mail stored when the call began, telling {@code progress} after each batch, which may
     * stop the work (what was removed stays removed). This default removes them one by one; a store should
     * do it in few transactions.
     */
    default BatchProgress.Counts removeAll(BatchProgress progress) {
        BatchProgress.Counts counts = BatchProgress.Counts.NONE;
        for (String key : keys(0, Integer.MAX_VALUE)) {
            counts = remove(key) ? counts.plus(1, 0) : counts.plus(0, 1);
            if (!progress.proceed(counts)) {
                break;
            }
        }
        return counts;
    }
}
