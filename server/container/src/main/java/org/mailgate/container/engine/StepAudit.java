package org.mailgate.container.engine;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.mailgate.api.audit.MailAudit;

/**
 * The audit trail of one mail through the processors: each processor entered, each split, each mailet
 * that changed the recipients, the error message or the state, and how the mail ended. These run per
 * step of every mail, so each first asks {@link MailAudit#enabled()}: with the audit logger off they
 * build no labels or recipient lists.
 */
final class StepAudit implements PipelineObserver<StepAudit.Before> {

    private final Object queueId;

    StepAudit(Object queueId) {
        this.queueId = queueId;
    }

    /** What a mailet may change, as it was before the mailet ran. */
    record Before(String state, List<String> recipients, String errorMessage) {
    }

    /** What the mailet about to run may change, or null when the trail is off. */
    @Override
    public Before beforeMailet(Mail mail) {
        return MailAudit.enabled() ? new Before(mail.getState(), recipients(mail), mail.getErrorMessage()) : null;
    }

    @Override
    public void entered(Mail mail, String processor) {
        if (!MailAudit.enabled()) {
            return;
        }
        MailAudit.log(label(mail), "processor={}, to={}", processor, recipients(mail));
    }

    @Override
    public void matched(Mail mail, Step step, int position, Collection<MailAddress> matched) {
        // the trail tells what mailets did, not what each matcher selected
    }

    @Override
    public void split(Mail original, Mail copy, Step step) {
        if (!MailAudit.enabled()) {
            return;
        }
        MailAudit.log(label(original), "split: copy {} takes to={} at {}; to={} go on", label(copy), recipients(copy),
                step.description(), recipients(original));
    }

    @Override
    public void afterMailet(Before before, Mail mail, Step step) {
        if (before == null) {
            return;
        }
        List<String> recipients = recipients(mail);
        if (!recipients.equals(before.recipients())) {
            MailAudit.log(label(mail), "{} changed the recipients: to={} (was {})", step.description(), recipients,
                    before.recipients());
        }
        if (!Objects.equals(before.state(), mail.getState())) {
            String error = Objects.equals(before.errorMessage(), mail.getErrorMessage()) || mail.getErrorMessage() == null
                    ? "" : " (" + mail.getErrorMessage() + ")";
            MailAudit.log(label(mail), "{} set state={}{}", step.description(), mail.getState(), error);
        }
    }

    @Override
    public void matcherFailed(Mail mail, Step step, int position) {
        if (!MailAudit.enabled()) {
            return;
        }
        MailAudit.log(label(mail), "matcher of {} moved it to state={} ({})", step.description(), mail.getState(),
                mail.getErrorMessage());
    }

    @Override
    public void ended(Mail mail, Ending ending, String processor) {
        if (!MailAudit.enabled()) {
            return;
        }
        String how = switch (ending) {
            case GHOST -> "ghost";
            case NO_RECIPIENTS -> "no recipients left in processor " + processor;
            case FELL_OFF -> "dropped: fell off the end of processor " + processor;
            case END_OF_PROCESSOR -> "end of processor " + processor;
        };
        MailAudit.log(label(mail), "done in the pipeline: {}", how);
    }

    private String label(Mail mail) {
        return MailAudit.label(queueId, mail.getName());
    }

    private static List<String> recipients(Mail mail) {
        return mail.getRecipients().stream().map(r -> "<" + r.asString() + ">").toList();
    }
}
