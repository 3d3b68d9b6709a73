package org.mailgate.app.admincli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** How the fields of the API's mail JSON read in a table cell. */
final class Texts {

    private Texts() {
    }

    /** The sender, {@code <>} for the null sender. */
    static String sender(JsonNode mail) {
        String sender = mail.path("sender").asText("");
        return sender.isEmpty() ? "<>" : sender;
    }

    static String recipients(JsonNode mail) {
        List<String> recipients = new ArrayList<>();
        mail.path("recipients").forEach(r -> recipients.add(r.asText()));
        return String.join(",", recipients);
    }

    /** A text on one line, {@code -} for none. */
    static String oneLine(JsonNode value) {
        if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
            return "-";
        }
        return value.asText().replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
