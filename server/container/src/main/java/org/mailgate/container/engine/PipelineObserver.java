package org.mailgate.container.engine;

import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

/**
 * What {@link Pipeline} tells about one mail (and the copies split from it) as it goes through the
 * processors. The audit trail ({@link StepAudit}) is one observer, a dry-run trace another. The calls come
 * on the pipeline's thread, for every step of every mail: an observer that is off must return at once.
 *
 * @param <B> what an observer keeps of a mail just before a mailet runs, to tell what the mailet changed
 */
public interface PipelineObserver<B> {

    /** How a mail's way through the processors ended. */
    enum Ending {
        /** A mailet set the state to {@code ghost}. */
        GHOST,
        /** No recipient was left before a step. */
        NO_RECIPIENTS,
        /** It reached the end of a processor with recipients left, and is dropped. */
        FELL_OFF,
        /** It reached the end of a processor with no recipients left, or of {@code error}. */
        END_OF_PROCESSOR
    }

    /** The mail enters {@code processor} (from its first step). */
    void entered(Mail mail, String processor);

    /**
     * The matcher of {@code step}, the {@code position}th (from 1) of its processor, selected {@code matched}
     * (empty: the mailet is skipped).
     */
    void matched(Mail mail, Step step, int position, Collection<MailAddress> matched);

    /** The matcher of {@code step} (at {@code position}) failed and its policy moved the mail to another processor. */
    void matcherFailed(Mail mail, Step step, int position);

    /** A partial match at {@code step}: {@code copy} takes the matched recipients, {@code original} the rest. */
    void split(Mail original, Mail copy, Step step);

    /** Just before the mailet of a step runs on {@code mail}: what to compare with afterwards, or null. */
    B beforeMailet(Mail mail);

    /** The mailet of {@code step} ran (or failed and its policy applied); {@code before} from {@link #beforeMailet}. */
    void afterMailet(B before, Mail mail, Step step);

    /** The mail is done in the pipeline; {@code processor} is where it was last. */
    void ended(Mail mail, Ending ending, String processor);
}
