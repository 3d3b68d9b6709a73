package org.mailgate.container.engine;

import java.util.List;
import java.util.Objects;
import org.apache.mailet.Mail;
import org.mailgate.api.audit.MailAudit;

/**
 * The audit trail of one mail through the processors: each processor entered, each split, each mailet
 * that changed the recipients, the error message or the state, and how the mail ended.
 */
final class StepAudit {

    private final Object queueId;

    StepAudit(Object queueId) {
        this.queueId = queueId;
    }

    /** What a mailet may change, as it was before the mailet ran. */
    record Before(String state, List<String> recipients, String errorMessage) {
    }

    static Before before(Mail mail) {
        return new Before(mail.getState(), recipients(mail), mail.getErrorMessage());
    }

    void entered(Mail mail, String processor) {
        MailAudit.log(label(mail), "processor={}, to={}", processor, recipients(mail));
    }

    void split(Mail original, Mail copy, Step step) {
        MailAudit.log(label(original), "split: copy {} takes to={} at {}; to={} go on", label(copy), recipients(copy),
                step.description(), recipients(original));
    }

    void afterMailet(Before before, Mail mail, Step step) {
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

    void matcherFailed(Mail mail, Step step) {
        MailAudit.log(label(mail), "matcher of {} moved it to state={} ({})", step.description(), mail.getState(),
                mail.getErrorMessage());
    }

    void done(Mail mail, String how) {
        MailAudit.log(label(mail), "done in the pipeline: {}", how);
    }

    private String label(Mail mail) {
        return MailAudit.label(queueId, mail.getName());
    }

    private static List<String> recipients(Mail mail) {
        return mail.getRecipients().stream().map(r -> "<" + r.asString() + ">").toList();
    }
}
