package org.mailgate.api.trace;

import java.util.List;

/**
 * A {@link TraceReport} as an operator reads it: per mail, the processors it went through with each
 * matcher's result and what each mailet changed, then where each recipient ends up.
 */
public final class TraceText {

    private TraceText() {
    }

    public static String render(TraceReport report) {
        StringBuilder text = new StringBuilder();
        text.append("trace of a message from <").append(report.sender()).append("> to ")
                .append(list(report.recipients())).append('\n');
        for (TraceReport.MailPath mail : report.mails()) {
            text.append("mail ").append(mail.mail()).append(" (").append(mail.origin()).append(") to ")
                    .append(list(mail.recipients())).append('\n');
            for (TraceReport.Event event : mail.events()) {
                text.append(line(event)).append('\n');
            }
            text.append("  ended: ").append(mail.ending()).append('\n');
        }
        text.append("outcome:\n");
        for (TraceReport.Outcome outcome : report.outcomes()) {
            text.append("  ").append(outcome.recipient()).append(" → ").append(outcome.destination())
                    .append(" (mail ").append(outcome.mail()).append(")\n");
        }
        if (!report.notes().isEmpty()) {
            text.append("notes:\n");
            report.notes().forEach(note -> text.append("  ").append(note).append('\n'));
        }
        return text.toString();
    }

    private static String line(TraceReport.Event event) {
        String at = event.location().isEmpty() ? "" : "  (" + event.location() + ")";
        return switch (event.kind()) {
            case "processor" -> "  processor " + event.processor() + " with " + list(event.recipients());
            case "match" -> "    [" + event.step() + "] match " + event.what() + " → "
                    + (event.recipients().isEmpty() ? "no recipients" : list(event.recipients())) + at;
            case "split" -> "        split: copy " + event.what() + " takes " + list(event.recipients())
                    + ", this mail goes on with the rest";
            case "mailet" -> "        mailet " + event.what() + " → "
                    + (event.changes().isEmpty() ? "no change" : String.join("; ", event.changes()));
            case "matcherFailed" -> "    [" + event.step() + "] match " + event.what() + " failed → "
                    + String.join("; ", event.changes()) + at;
            default -> "    " + event.kind() + " " + event.what();
        };
    }

    private static String list(List<String> addresses) {
        return addresses.isEmpty() ? "(none)" : String.join(", ", addresses);
    }
}
