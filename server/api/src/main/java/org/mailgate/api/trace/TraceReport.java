package org.mailgate.api.trace;

import java.util.List;

/**
 * A dry run of one message: the way of each mail through the processors (the message, the copies split
 * from it, the mails mailets sent), and where each recipient would end up.
 *
 * @param mails    each mail's way, the message first
 * @param outcomes where each recipient of each mail ends up
 * @param notes    what the trace could not follow, or did differently from the gateway
 */
public record TraceReport(String sender, List<String> recipients, List<MailPath> mails, List<Outcome> outcomes,
                          List<String> notes) {

    public TraceReport {
        recipients = List.copyOf(recipients);
        mails = List.copyOf(mails);
        outcomes = List.copyOf(outcomes);
        notes = List.copyOf(notes);
    }

    /**
     * One mail's way through the processors.
     *
     * @param origin     how the mail came to be: {@code the message}, a split, or a mailet's new mail
     * @param recipients its recipients when it started
     * @param ending     how its way ended
     */
    public record MailPath(String mail, String origin, List<String> recipients, List<Event> events, String ending) {

        public MailPath {
            recipients = List.copyOf(recipients);
            events = List.copyOf(events);
        }
    }

    /**
     * One thing that happened to a mail.
     *
     * @param kind       {@code processor} (entered), {@code match} (a matcher's result), {@code split},
     *                   {@code mailet} (it ran), {@code matcherFailed}
     * @param step       the step's position in its processor, from 1 (0 for {@code processor})
     * @param what       the matcher as written, the mailet with its parameters, or the copy's name
     * @param location   {@code file:line} of the {@code <mailet>} element, or empty
     * @param recipients what the matcher selected; the processor's or copy's recipients
     * @param changes    what the mailet changed (state, recipients, error, attributes, headers)
     */
    public record Event(String kind, String processor, int step, String what, String location, List<String> recipients,
                        List<String> changes) {

        public Event {
            recipients = List.copyOf(recipients);
            changes = List.copyOf(changes);
        }
    }

    /**
     * Where one recipient of one mail ends up: an outgoing queue (with the route), a repository, a
     * processor (a new mail), or dropped.
     */
    public record Outcome(String recipient, String mail, String destination) {
    }
}
