package org.mailgate.spool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.mailgate.api.dsn.DsnRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail attributes as stored: a JSON object of name to the Mailet API's own JSON form of the value, the
 * form James uses in its queues. A value that has no JSON form cannot survive a restart; it is left
 * out with a warning naming it.
 */
final class AttributesJson {

    private static final Logger LOG = LoggerFactory.getLogger(AttributesJson.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AttributesJson() {
    }

    static String write(Stream<Attribute> attributes, String mailName) {
        List<Attribute> all = attributes.toList();
        if (all.stream().allMatch(a -> a.getValue().value() instanceof String || a.getValue().value() instanceof Boolean)) {
            return writeSimple(all);
        }
        ObjectNode root = MAPPER.createObjectNode();
        all.forEach(a -> a.getValue().toJson().ifPresentOrElse(
                json -> root.set(a.getName().asString(), json),
                () -> LOG.warn("mail {}: attribute {} has no stored form and is dropped", mailName,
                        a.getName().asString())));
        return root.toString();
    }

    /**
     * The common case (the SMTP session's HELO name and session id, whether the client may relay)
     * written without building a JSON tree; the same form as the Mailet API's String and Boolean
     * serializers write.
     */
    private static String writeSimple(List<Attribute> attributes) {
        StringBuilder json = new StringBuilder(64 + attributes.size() * 64).append('{');
        for (int i = 0; i < attributes.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            Attribute a = attributes.get(i);
            quote(json, a.getName().asString());
            if (a.getValue().value() instanceof Boolean b) {
                json.append(":{\"serializer\":\"BooleanSerializer\",\"value\":").append(b).append('}');
            } else {
                json.append(":{\"serializer\":\"StringSerializer\",\"value\":");
                quote(json, (String) a.getValue().value());
                json.append('}');
            }
        }
        return json.append('}').toString();
    }

    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /**
     * The DSN parameters (RFC 3461) among stored attributes; the JSON is only parsed when it may hold
     * them, so mail without DSN parameters costs a substring search.
     */
    static DsnRequest dsn(String json) {
        if (json == null || !json.contains("dsn")) {
            return DsnRequest.NONE;
        }
        return DsnRequest.fromAttributes(read(json));
    }

    static List<Attribute> read(String json) {
        if (json == null || json.isEmpty() || json.equals("{}")) {
            return List.of();
        }
        try {
            JsonNode root = MAPPER.readTree(json);
            List<Attribute> attributes = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                attributes.add(new Attribute(AttributeName.of(field.getKey()), AttributeValue.fromJson(field.getValue())));
            }
            return attributes;
        } catch (IOException e) {
            throw new StoreException("stored attributes are not valid JSON: " + e.getMessage(), e);
        }
    }
}
