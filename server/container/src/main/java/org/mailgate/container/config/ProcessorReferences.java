package org.mailgate.container.config;

import java.util.Map;
import java.util.Set;
import org.apache.mailet.Mail;
import org.mailgate.api.config.ConfigReport;

/**
 * Checks that every processor a mailet may send mail to exists: the failure policies, and the mailet
 * parameters that name a processor ({@code processor} of {@code ToProcessor}, and {@code bounceProcessor},
 * {@code onSuccess}, {@code errorProcessor} of any mailet, as James's mailets use them).
 */
final class ProcessorReferences {

    private static final Set<String> ANY_MAILET = Set.of("bounceProcessor", "onSuccess", "errorProcessor");
    private static final Map<String, String> BY_CLASS = Map.of("ToProcessor", "processor");

    private ProcessorReferences() {
    }

    static void check(ContainerConfig config, ConfigReport report) {
        for (ProcessorConfig processor : config.processors().values()) {
            for (MailetEntry entry : processor.mailets()) {
                policy(entry.onMatchException(), "onMatchException", entry, config, report);
                policy(entry.onMailetException(), "onMailetException", entry, config, report);
                entry.parameters().forEach((name, value) -> {
                    if (ANY_MAILET.contains(name) || name.equals(BY_CLASS.get(simpleName(entry.className())))) {
                        target(value.trim(), "parameter " + name, entry, config, report, "");
                    }
                });
            }
        }
    }

    private static void policy(FailurePolicy policy, String setting, MailetEntry entry, ContainerConfig config,
                               ConfigReport report) {
        policy.targetProcessor().ifPresent(p -> target(p, "<" + setting + ">", entry, config, report,
                setting.equals("onMatchException") ? "error, nomatch, matchall, propagate or " : "error, ignore, propagate or "));
    }

    private static void target(String processor, String setting, MailetEntry entry, ContainerConfig config,
                               ConfigReport report, String keywords) {
        if (processor.equals(Mail.GHOST)) {
            report.error(entry.source(), setting + " cannot send mail to 'ghost'; use the Null mailet to drop mail");
        } else if (!processor.isEmpty() && !config.processors().containsKey(processor)) {
            report.error(entry.source(), setting + " names processor '" + processor + "', which does not exist; "
                    + "use " + keywords + "one of: " + String.join(", ", config.processors().keySet()));
        }
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
