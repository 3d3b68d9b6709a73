package org.mailgate.container.engine;

import jakarta.mail.MessagingException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.container.config.FailurePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a mail through the processors with James's semantics:
 * <ul>
 * <li>a matcher is called once per mail and step; {@code null} or no recipient means the mailet is
 *     skipped; all recipients means the mailet runs on the mail itself;</li>
 * <li>a partial match splits the mail: a copy with the matched recipients runs the mailet, the original
 *     keeps the others; both go on with the following steps only;</li>
 * <li>a mail whose state changes leaves the processor at once for the processor of that name;</li>
 * <li>a mail with no recipients left, or in state {@code ghost}, is done; falling off the end of a
 *     processor makes it a ghost (with a warning, except in {@code error}).</li>
 * </ul>
 * The fold is plain Java on the caller's thread; hand-offs made by mailets join the caller's spool unit.
 */
public final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /** A mail moved between processors this often is in a loop. */
    static final int MAX_PROCESSOR_CHANGES = 64;

    private final Map<String, Processor> processors;

    public Pipeline(Map<String, Processor> processors) {
        this.processors = Map.copyOf(processors);
    }

    public Map<String, Processor> processors() {
        return processors;
    }

    /** Processes {@code mail} and every copy split from it until each is done; audited under its name. */
    public void service(Mail mail) {
        service(mail, mail.getName());
    }

    /**
     * Processes {@code mail} and every copy split from it until each is done, writing the audit trail
     * ({@link MailAudit}) under {@code queueId}.
     */
    public void service(Mail mail, Object queueId) {
        service(mail, new StepAudit(queueId));
    }

    /** Processes {@code mail} and every copy split from it until each is done, told to {@code observer}. */
    public <B> void service(Mail mail, PipelineObserver<B> observer) {
        Deque<Resume> pending = new ArrayDeque<>();
        pending.push(new Resume(mail, 0, 0));
        int copies = 0;
        while (!pending.isEmpty()) {
            Resume next = pending.pop();
            copies = run(next, pending, copies, observer);
        }
    }

    /** A mail to (re)start in its current state's processor at step {@code fromStep}. */
    private record Resume(Mail mail, int fromStep, int processorChanges) {
    }

    private <B> int run(Resume resume, Deque<Resume> pending, int copies, PipelineObserver<B> observer) {
        Mail mail = resume.mail();
        int from = resume.fromStep();
        int changes = resume.processorChanges();
        while (true) {
            String state = mail.getState();
            if (Mail.GHOST.equals(state)) {
                observer.ended(mail, PipelineObserver.Ending.GHOST, null);
                return copies;
            }
            Processor processor = processors.get(state);
            if (processor == null) {
                changes = moveOnFailure(mail, new FailurePolicy.ToError(), "processor '" + state + "' does not exist",
                        null, Mail.ERROR, changes);
                from = 0;
                continue;
            }
            if (from == 0) {
                observer.entered(mail, processor.name());
            }
            boolean moved = false;
            for (int i = from; i < processor.steps().size(); i++) {
                if (mail.getRecipients().isEmpty()) {
                    observer.ended(mail, PipelineObserver.Ending.NO_RECIPIENTS, processor.name());
                    mail.setState(Mail.GHOST);
                    return copies;
                }
                Step step = processor.steps().get(i);
                long start = System.nanoTime();
                Collection<MailAddress> matched = match(step, mail, processor.name());
                long matchedAt = System.nanoTime();
                step.matcherTimer().record(matchedAt - start);
                if (!processor.name().equals(mail.getState())) {
                    observer.matcherFailed(mail, step, i + 1);
                    changes = changed(mail, processor.name(), changes);
                    moved = true;
                    break;
                }
                observer.matched(mail, step, i + 1, matched);
                if (matched.isEmpty()) {
                    continue;
                }
                long mailetStart = matchedAt;
                if (matched.size() < mail.getRecipients().size()) {
                    Mail copy = split(mail, matched, ++copies);
                    observer.split(mail, copy, step);
                    pending.push(new Resume(mail, i + 1, changes));
                    mail = copy;
                    mailetStart = System.nanoTime();
                }
                B before = observer.beforeMailet(mail);
                serviceMailet(step, mail, processor.name());
                step.mailetTimer().record(System.nanoTime() - mailetStart);
                observer.afterMailet(before, mail, step);
                if (!processor.name().equals(mail.getState())) {
                    changes = changed(mail, processor.name(), changes);
                    moved = true;
                    break;
                }
            }
            if (!moved) {
                if (!Mail.ERROR.equals(processor.name()) && !mail.getRecipients().isEmpty()) {
                    LOG.warn("{}: fell off the end of processor '{}' with recipients {}; it is dropped. Add a "
                            + "final mailet (ToRepository, RemoteDelivery, Null...) to that processor",
                            mail.getName(), processor.name(), mail.getRecipients());
                    observer.ended(mail, PipelineObserver.Ending.FELL_OFF, processor.name());
                } else {
                    observer.ended(mail, PipelineObserver.Ending.END_OF_PROCESSOR, processor.name());
                }
                mail.setState(Mail.GHOST);
                return copies;
            }
            from = 0;
        }
    }

    private int changed(Mail mail, String from, int changes) {
        if (changes + 1 > MAX_PROCESSOR_CHANGES) {
            throw new PropagatedFailure(mail.getName() + ": moved between processors more than "
                    + MAX_PROCESSOR_CHANGES + " times (last from '" + from + "' to '" + mail.getState()
                    + "'): the configuration loops", null);
        }
        return changes + 1;
    }

    /** The recipients the step's matcher selects; a failure is handled by the step's policy. */
    private Collection<MailAddress> match(Step step, Mail mail, String processor) {
        Collection<MailAddress> result;
        try {
            result = step.matcher().match(mail);
        } catch (MessagingException | RuntimeException | LinkageError e) {
            return switch (step.onMatchException()) {
                case FailurePolicy.NoMatch n -> List.of();
                case FailurePolicy.MatchAll a -> List.copyOf(mail.getRecipients());
                case FailurePolicy.Propagate p -> throw new PropagatedFailure(mail.getName() + ": matcher of "
                        + step.description() + " failed: " + e, e);
                default -> {
                    moveOnFailure(mail, step.onMatchException(), "matcher of " + step.description() + " failed: "
                            + message(e), e, processor, 0);
                    yield List.of();
                }
            };
        }
        if (result == null || result.isEmpty()) {
            return List.of();
        }
        Set<MailAddress> recipients = new LinkedHashSet<>(mail.getRecipients());
        List<MailAddress> matched = new ArrayList<>();
        for (MailAddress address : new LinkedHashSet<>(result)) {
            if (recipients.contains(address)) {
                matched.add(address);
            } else {
                LOG.warn("{}: matcher of {} returned {}, which is not a recipient; ignored", mail.getName(),
                        step.description(), address);
            }
        }
        return matched;
    }

    private void serviceMailet(Step step, Mail mail, String processor) {
        Mailet mailet = step.mailet();
        try {
            mailet.service(mail);
        } catch (MessagingException | RuntimeException | LinkageError e) {
            switch (step.onMailetException()) {
                case FailurePolicy.Ignore i -> LOG.warn("{}: {} failed, ignored: {}", mail.getName(),
                        step.description(), message(e));
                case FailurePolicy.Propagate p -> throw new PropagatedFailure(mail.getName() + ": "
                        + step.description() + " failed: " + e, e);
                default -> moveOnFailure(mail, step.onMailetException(), step.description() + " failed: "
                        + message(e), e, processor, 0);
            }
        }
    }

    /**
     * Moves a mail to the error processor (or the policy's processor) with the error recorded on it. A
     * failure inside the processor it would move to goes to the spooler instead: the mail is never lost.
     */
    private int moveOnFailure(Mail mail, FailurePolicy policy, String error, Throwable cause, String processor,
                              int changes) {
        String target = policy.targetProcessor().orElse(Mail.ERROR);
        if (target.equals(processor)) {
            throw new PropagatedFailure(mail.getName() + ": " + error + " (inside processor '" + processor
                    + "', which handles such failures)", cause);
        }
        LOG.warn("{}: {}; moved to processor '{}'", mail.getName(), error, target);
        mail.setErrorMessage(error);
        if (cause != null) {
            mail.setAttribute(new Attribute(Mail.MAILET_ERROR, AttributeValue.ofUnserializable(cause)));
        }
        mail.setState(target);
        return changes;
    }

    private static Mail split(Mail mail, Collection<MailAddress> matched, int copyNumber) {
        try {
            Mail copy = mail.duplicate();
            copy.setName(mail.getName() + "-" + copyNumber);
            copy.setRecipients(List.copyOf(matched));
            List<MailAddress> rest = new ArrayList<>(mail.getRecipients());
            rest.removeAll(matched);
            mail.setRecipients(rest);
            return copy;
        } catch (MessagingException e) {
            throw new PropagatedFailure(mail.getName() + ": cannot copy the mail for a partial match: "
                    + e.getMessage(), e);
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Calls {@code destroy()} on every mailet and matcher, and releases the steps' timers. */
    public void destroy() {
        for (Processor processor : processors.values()) {
            for (Step step : processor.steps()) {
                step.matcherTimer().release();
                step.mailetTimer().release();
                try {
                    step.mailet().destroy();
                    step.matcher().destroy();
                } catch (RuntimeException e) {
                    LOG.warn("destroying {} failed: {}", step.description(), e.getMessage());
                }
            }
        }
    }
}
