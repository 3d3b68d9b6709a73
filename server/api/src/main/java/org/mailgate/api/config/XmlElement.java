package org.mailgate.api.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a configuration file, with the file and line it starts on, so that every error can
 * point at its source. Text is the trimmed character content of the element itself.
 */
public record XmlElement(String file, int line, String name, Map<String, String> attributes, String text,
                         List<XmlElement> children) {

    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    public Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    /** The first child of that name, if any. */
    public Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    public List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** Text of the first child of that name, if the child exists. */
    public Optional<String> childText(String childName) {
        return child(childName).map(XmlElement::text);
    }

    /** "file:line" for messages. */
    public String location() {
        return file + ":" + line;
    }
}
