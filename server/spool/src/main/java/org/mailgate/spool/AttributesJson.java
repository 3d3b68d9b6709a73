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
        ObjectNode root = MAPPER.createObjectNode();
        attributes.forEach(a -> a.getValue().toJson().ifPresentOrElse(
                json -> root.set(a.getName().asString(), json),
                () -> LOG.warn("mail {}: attribute {} has no stored form and is dropped", mailName,
                        a.getName().asString())));
        return root.toString();
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
