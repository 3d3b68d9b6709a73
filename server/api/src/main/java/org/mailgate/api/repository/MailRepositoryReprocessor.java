package org.mailgate.api.repository;

import jakarta.mail.MessagingException;
import java.util.Optional;
import org.apache.mailet.AttributeName;
import org.mailgate.api.BatchProgress;

/**
 * Puts mail kept in a repository back into the spool, to be processed again (James's "reprocessing").
 * Each mail leaves its repository and enters the spool in one transaction: it is never lost and never
 * in both places. It enters the processor asked for, or by default the one it was in when it was
 * stored, and carries the attribute {@link #REPROCESSING} naming the repository (a string), so that a
 * processor can tell it apart, e.g. the {@code error} processor with
 * {@code Not(HasMailAttribute=mailRepository-reprocessing)} in front of its {@code ToRepository}.
 * Called outside a spool unit (by an operator), a call returns once its work is on stable storage.
 */
public interface MailRepositoryReprocessor {

    /** The attribute a reprocessed mail carries: the URL of the repository it came from. */
    AttributeName REPROCESSING = AttributeName.of("mailRepository-reprocessing");

    /**
     * Moves the mail stored under {@code key} in {@code url} back into the spool.
     *
     * @param processor the processor to run it from; empty: the state it had when stored
     * @return whether such a mail was stored (false: nothing changed)
     * @throws IllegalArgumentException if {@code processor} is blank
     */
    boolean reprocess(MailRepositoryUrl url, String key, Optional<String> processor) throws MessagingException;

    /**
     * Moves every mail stored in {@code url} when the call began back into the spool, oldest first.
     * Mail stored while it runs (reprocessed mail failing again, say) stays for a later call.
     *
     * @param processor the processor to run them from; empty: the state each had when stored
     * @return the number of mails moved
     * @throws IllegalArgumentException if {@code processor} is blank
     */
    default long reprocessAll(MailRepositoryUrl url, Optional<String> processor) throws MessagingException {
        return reprocessAll(url, processor, BatchProgress.TO_THE_END).processed();
    }

    /**
     * As {@link #reprocessAll(MailRepositoryUrl, Optional)}, telling {@code progress} after each batch, which
     * may stop the work (what was moved stays moved).
     */
    BatchProgress.Counts reprocessAll(MailRepositoryUrl url, Optional<String> processor, BatchProgress progress)
            throws MessagingException;
}
