package org.mailgate.container.trace;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.mailgate.api.trace.TraceReport;
import org.mailgate.container.engine.Pipeline;
import org.mailgate.container.engine.PipelineObserver;
import org.mailgate.container.engine.Step;

/**
 * Records one dry run: what the pipeline tells ({@link PipelineObserver}) and what the dry-run stores are
 * handed ({@link DryRunOutgoingQueues}, {@link DryRunRepositoryStore}, {@link DryRunSpool}), and makes the
 * {@link TraceReport} of it. Mails that mailets send (bounces, notifications) are traced after the message,
 * at most {@value #MAX_SENT_MAILS} of them. One recorder per trace, used on one thread.
 */
public final class TraceRecorder implements PipelineObserver<MailSnapshot> {

    static final int MAX_SENT_MAILS = 10;

    private final Map<String, MailPathBuilder> paths = new LinkedHashMap<>();
    private final List<TraceReport.Outcome> handOffs = new ArrayList<>();
    private final Deque<Mail> sent = new ArrayDeque<>();
    private final List<String> notes = new ArrayList<>();
    private String running = "";

    /** Runs {@code mail}, then the mails the mailets sent, through {@code pipeline}; reports what happened. */
    public TraceReport trace(Pipeline pipeline, Mail mail) {
        List<String> recipients = names(mail.getRecipients());
        path(mail, "the message");
        service(pipeline, mail);
        int traced = 0;
        while (!sent.isEmpty()) {
            Mail next = sent.poll();
            if (traced++ < MAX_SENT_MAILS) {
                service(pipeline, next);
            } else {
                notes.add("mail " + next.getName() + " was not traced: a trace follows at most " + MAX_SENT_MAILS
                        + " mails sent by mailets");
                path(next).ending = "not traced";
            }
        }
        return report(mail.getMaybeSender().asString(""), recipients);
    }

    private void service(Pipeline pipeline, Mail mail) {
        List<String> recipients = names(mail.getRecipients());
        try {
            pipeline.service(mail, this);
        } catch (RuntimeException | LinkageError e) {
            MailPathBuilder path = path(mail);
            path.ending = "processing failed: " + e.getMessage();
            // the spool keeps the mail as it was handed over, with all its recipients, for another try
            for (String recipient : recipients) {
                handOffs.add(new TraceReport.Outcome(recipient, mail.getName(), "kept in the spool: " + path.ending));
            }
            notes.add("processing of mail " + mail.getName() + " failed: the gateway would keep the message in the "
                    + "spool and retry it, and after repeated failures store it in the error repository");
        }
    }

    @Override
    public void entered(Mail mail, String processor) {
        MailPathBuilder path = path(mail);
        path.processor = processor;
        path.event("processor", 0, "", "", names(mail.getRecipients()), List.of());
    }

    @Override
    public void matched(Mail mail, Step step, int position, Collection<MailAddress> matched) {
        MailPathBuilder path = path(mail);
        path.step = step;
        path.position = position;
        path.event("match", position, step.origin().matcher(), step.origin().location(), names(matched), List.of());
    }

    @Override
    public void matcherFailed(Mail mail, Step step, int position) {
        MailPathBuilder path = path(mail);
        path.event("matcherFailed", position, step.origin().matcher(), step.origin().location(), List.of(),
                List.of("state=" + mail.getState(), "error: " + mail.getErrorMessage()));
    }

    @Override
    public void split(Mail original, Mail copy, Step step) {
        MailPathBuilder from = path(original);
        List<String> taken = names(copy.getRecipients());
        from.event("split", from.position, copy.getName(), "", taken, List.of());
        MailPathBuilder path = path(copy, "split from " + original.getName() + " at [" + from.position + "] of processor "
                + from.processor);
        path.processor = from.processor;
        path.step = step;
        path.position = from.position;
        path.event("match", from.position, step.origin().matcher(), step.origin().location(), taken, List.of());
    }

    @Override
    public MailSnapshot beforeMailet(Mail mail) {
        running = mail.getName();
        return MailSnapshot.of(mail);
    }

    @Override
    public void afterMailet(MailSnapshot before, Mail mail, Step step) {
        MailPathBuilder path = path(mail);
        List<String> changes = before.changesTo(MailSnapshot.of(mail));
        path.event("mailet", path.position, mailet(step.origin()), step.origin().location(), List.of(), changes);
        if (Mail.GHOST.equals(mail.getState()) && !Mail.GHOST.equals(before.state())) {
            path.ghostBy = step.origin().mailet() + at(step.origin());
        }
    }

    @Override
    public void ended(Mail mail, Ending ending, String processor) {
        MailPathBuilder path = path(mail);
        path.remaining = names(mail.getRecipients());
        path.ending = switch (ending) {
            case GHOST -> "ghost" + (path.ghostBy == null ? "" : ", set by " + path.ghostBy);
            case NO_RECIPIENTS -> "no recipients left in processor " + processor;
            case FELL_OFF -> "fell off the end of processor " + processor + ": the gateway drops it with a warning";
            case END_OF_PROCESSOR -> "end of processor " + processor;
        };
        path.dropped = ending == Ending.FELL_OFF;
    }

    /** A store took {@code mail} for its recipients: {@code destination} says where each goes. */
    void handedOff(Mail mail, Function<MailAddress, String> destination) {
        MailPathBuilder path = path(mail);
        String by = path.step == null ? "" : " by " + path.step.origin().mailet() + at(path.step.origin());
        for (MailAddress recipient : mail.getRecipients()) {
            handOffs.add(new TraceReport.Outcome(recipient.asString(), mail.getName(), destination.apply(recipient) + by));
        }
    }

    /** A mailet sent a new mail into processor {@code state}: it is traced after the message. */
    void sent(Mail mail, String state, Duration delay) throws MessagingException {
        Mail copy = mail.duplicate();
        copy.setName(unique(mail.getName()));
        copy.setState(state);
        MailPathBuilder by = paths.get(running);
        String mailet = by == null || by.step == null ? "a mailet" : by.step.origin().mailet() + at(by.step.origin());
        path(copy, "sent by " + mailet + " while processing " + running + ", from <" + copy.getMaybeSender().asString("")
                + "> into processor " + state + (delay.isZero() ? "" : " after " + delay));
        sent.add(copy);
    }

    private String unique(String name) {
        String unique = name;
        for (int n = 2; paths.containsKey(unique); n++) {
            unique = name + "#" + n;
        }
        return unique;
    }

    private TraceReport report(String sender, List<String> recipients) {
        List<TraceReport.Outcome> outcomes = new ArrayList<>();
        Set<String> reached = new LinkedHashSet<>();
        for (MailPathBuilder path : paths.values()) {
            List<TraceReport.Outcome> own = handOffs.stream().filter(h -> h.mail().equals(path.name)).toList();
            outcomes.addAll(own);
            if (path.dropped || own.isEmpty()) {
                for (String recipient : path.remaining) {
                    outcomes.add(new TraceReport.Outcome(recipient, path.name, "dropped: " + path.ending));
                }
            }
        }
        outcomes.forEach(o -> reached.add(o.recipient()));
        for (String recipient : recipients) {
            if (!reached.contains(recipient)) {
                outcomes.add(new TraceReport.Outcome(recipient, "-", "no longer a recipient: a mailet rewrote or "
                        + "removed it (see the mailets' changes)"));
            }
        }
        return new TraceReport(sender, recipients, paths.values().stream().map(MailPathBuilder::build).toList(),
                outcomes, notes);
    }

    private MailPathBuilder path(Mail mail) {
        return path(mail, "the message");
    }

    private MailPathBuilder path(Mail mail, String origin) {
        return paths.computeIfAbsent(mail.getName(), name -> new MailPathBuilder(name, origin,
                names(mail.getRecipients())));
    }

    /** {@code ToProcessor(processor=transport)}; passwords are not shown. */
    static String mailet(Step.Origin origin) {
        if (origin.parameters().isEmpty()) {
            return origin.mailet();
        }
        List<String> parameters = new ArrayList<>();
        origin.parameters().forEach((name, value) -> parameters.add(name + "="
                + (name.toLowerCase(java.util.Locale.ROOT).contains("password") ? "****" : MailSnapshot.shorten(value))));
        return origin.mailet() + "(" + String.join(", ", parameters) + ")";
    }

    private static String at(Step.Origin origin) {
        return origin.location().isEmpty() ? "" : " (" + origin.location() + ")";
    }

    static List<String> names(Collection<MailAddress> addresses) {
        return addresses == null ? List.of() : addresses.stream().map(MailAddress::asString).toList();
    }

    /** One mail's way as it is recorded. */
    private static final class MailPathBuilder {
        private final String name;
        private final String origin;
        private final List<String> recipients;
        private final List<TraceReport.Event> events = new ArrayList<>();
        private String processor = "";
        private Step step;
        private int position;
        private String ghostBy;
        private String ending = "not finished";
        private boolean dropped;
        private List<String> remaining = List.of();

        MailPathBuilder(String name, String origin, List<String> recipients) {
            this.name = name;
            this.origin = origin;
            this.recipients = recipients;
        }

        void event(String kind, int position, String what, String location, List<String> addresses,
                   List<String> changes) {
            events.add(new TraceReport.Event(kind, processor, position, Objects.requireNonNullElse(what, ""), location,
                    addresses, changes));
        }

        TraceReport.MailPath build() {
            return new TraceReport.MailPath(name, origin, recipients, Collections.unmodifiableList(events), ending);
        }
    }
}
