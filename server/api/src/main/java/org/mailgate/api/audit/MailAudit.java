package org.mailgate.api.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.helpers.MessageFormatter;

/**
 * The audit trail: one INFO line per step of a message's life on the logger {@value #LOGGER_NAME}, each
 * starting with the mail's label (its queue id, or for a copy split from it {@code QUEUEID-n}) and a
 * colon, as Postfix writes them, so that {@code grep QUEUEID} tells the whole story. While a line is
 * written the MDC holds the queue id under {@value #MDC_KEY}, for structured (JSON) layouts.
 */
public final class MailAudit {

    /** The logger the trail is written to, so that operators can route it on its own. */
    public static final String LOGGER_NAME = "mailgate.audit";
    /** The MDC key holding the queue id while an audit line is written. */
    public static final String MDC_KEY = "queueId";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private MailAudit() {
    }

    /**
     * Whether audit lines are written; a caller that must build its arguments (labels, recipient lists)
     * asks first, so that the trail costs nothing when its logger is off.
     */
    public static boolean enabled() {
        return LOG.isInfoEnabled();
    }

    /**
     * Writes one line about the mail labelled {@code label}: {@code label + ": " + message}, the message
     * formatted with SLF4J's {@code {}} placeholders.
     */
    public static void log(Object label, String message, Object... arguments) {
        if (!enabled()) {
            return;
        }
        String labelText = String.valueOf(label);
        String text = line(labelText, message, arguments);
        String queueId = queueIdOf(labelText);
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, queueId);
        try {
            LOG.info(text);
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    /** The text of one audit line. */
    public static String line(String label, String message, Object... arguments) {
        return label + ": " + MessageFormatter.arrayFormat(message, arguments).getMessage();
    }

    /**
     * The label of a mail in the trail: its name when that starts with its queue id (the mail as received,
     * or a copy split from it), else the queue id with the name in parentheses.
     */
    public static String label(Object queueId, String mailName) {
        String id = String.valueOf(queueId);
        if (mailName == null) {
            return id;
        }
        return mailName.equals(id) || mailName.startsWith(id + "-") ? mailName : id + " (" + mailName + ")";
    }

    /** The queue id a label starts with: up to the first {@code -}, space or colon. */
    static String queueIdOf(String label) {
        int end = 0;
        while (end < label.length() && label.charAt(end) != '-' && label.charAt(end) != ' '
                && label.charAt(end) != ':') {
            end++;
        }
        return label.substring(0, end);
    }
}
