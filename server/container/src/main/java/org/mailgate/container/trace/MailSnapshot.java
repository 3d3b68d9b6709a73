package org.mailgate.container.trace;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.mailet.Attribute;
import org.apache.mailet.Mail;

/**
 * What a mailet may change on a mail, as it was at one moment: state, recipients, error message, attributes
 * and header lines. Taken around every mailet of a trace (never on the gateway's own mail).
 */
record MailSnapshot(String state, List<String> recipients, String errorMessage, Map<String, String> attributes,
                    List<String> headerLines) {

    private static final int SHOWN = 80;

    static MailSnapshot of(Mail mail) {
        Map<String, String> attributes = new LinkedHashMap<>();
        mail.attributes().forEach((Attribute a) -> attributes.put(a.getName().asString(),
                String.valueOf(a.getValue().value())));
        return new MailSnapshot(mail.getState(), TraceRecorder.names(mail.getRecipients()), mail.getErrorMessage(),
                attributes, headerLines(mail));
    }

    private static List<String> headerLines(Mail mail) {
        try {
            return Collections.list(mail.getMessage().getAllHeaderLines());
        } catch (MessagingException | RuntimeException e) {
            return List.of();
        }
    }

    /** What changed from this snapshot to {@code after}, one text per change. */
    List<String> changesTo(MailSnapshot after) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(state, after.state)) {
            changes.add("state=" + after.state);
        }
        if (!recipients.equals(after.recipients)) {
            changes.add("recipients=" + after.recipients + " (was " + recipients + ")");
        }
        if (after.errorMessage != null && !after.errorMessage.equals(errorMessage)) {
            changes.add("error: " + after.errorMessage);
        }
        after.attributes.forEach((name, value) -> {
            String was = attributes.get(name);
            if (was == null) {
                changes.add("attribute " + name + "=" + shorten(value) + " added");
            } else if (!was.equals(value)) {
                changes.add("attribute " + name + "=" + shorten(value) + " (was " + shorten(was) + ")");
            }
        });
        attributes.keySet().stream().filter(name -> !after.attributes.containsKey(name))
                .forEach(name -> changes.add("attribute " + name + " removed"));
        List<String> removed = new ArrayList<>(headerLines);
        List<String> added = new ArrayList<>();
        for (String line : after.headerLines) {
            if (!removed.remove(line)) {
                added.add(line);
            }
        }
        removed.forEach(line -> changes.add("header removed: " + shorten(line)));
        added.forEach(line -> changes.add("header added: " + shorten(line)));
        return changes;
    }

    /** A value on one line, cut to {@value #SHOWN} characters. */
    static String shorten(String value) {
        String line = value.replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() <= SHOWN ? line : line.substring(0, SHOWN) + "…";
    }
}
