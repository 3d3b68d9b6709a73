package org.mailgate.container.config;

import java.util.Map;
import java.util.Optional;
import org.apache.mailet.Mail;
import org.mailgate.api.config.ConfigReport;

/**
 * Warns about processors whose mail can fall off the end: mail that reaches the end of a processor
 * without being ended is dropped (with a warning in the log), which is rarely what an admin wants. A
 * processor is safe when its last mailet runs on every mail and always ends it: {@code ToProcessor},
 * {@code Null}, {@code RemoteDelivery}, or a mailet that ends mail unless {@code passThrough} is set.
 * The {@code error} processor is exempt, as in James: falling off its end is how it discards mail.
 */
final class ProcessorEnds {

    private static final java.util.Set<String> ALWAYS_ENDS = java.util.Set.of("ToProcessor", "Null", "RemoteDelivery");
    /** Mailets that end the mail unless passThrough is true, with their passThrough default. */
    private static final Map<String, Boolean> PASS_THROUGH_DEFAULT = Map.of("ToRepository", false, "Bounce", true,
            "Forward", false, "Redirect", false, "DSNBounce", true, "NotifySender", true, "NotifyPostmaster", true);

    private ProcessorEnds() {
    }

    static void check(ContainerConfig config, ConfigReport report) {
        for (ProcessorConfig processor : config.processors().values()) {
            if (processor.name().equals(Mail.ERROR)) {
                continue;
            }
            Optional<MailetEntry> last = processor.mailets().isEmpty() ? Optional.empty()
                    : Optional.of(processor.mailets().get(processor.mailets().size() - 1));
            if (last.isEmpty()) {
                report.warning(processor.source(), "processor '" + processor.name() + "' has no mailets: mail "
                        + "sent to it is dropped");
            } else if (!endsEveryMail(last.get())) {
                report.warning(last.get().source(), "mail can fall off the end of processor '" + processor.name()
                        + "' after this mailet and would be dropped; end the processor with a mailet that runs on "
                        + "all mail and ends it (ToProcessor, ToRepository, RemoteDelivery, Null)");
            }
        }
    }

    private static boolean endsEveryMail(MailetEntry entry) {
        boolean everyMail = entry.matcher().map(m -> m.name().equals("All") && !m.inverted()).orElse(true);
        String name = ProcessorReferences.simpleName(entry.className());
        if (!everyMail) {
            return false;
        }
        if (ALWAYS_ENDS.contains(name)) {
            return true;
        }
        Boolean passThroughDefault = PASS_THROUGH_DEFAULT.get(name);
        if (passThroughDefault == null) {
            return false;
        }
        String passThrough = entry.parameters().get("passThrough");
        return !(passThrough == null ? passThroughDefault : Boolean.parseBoolean(passThrough.trim()));
    }
}
