package org.mailgate.api.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an element may contain: the children and attributes Mailgate reads, and the James settings it
 * accepts but does not need (reported as warnings). Anything else is an error that lists the allowed
 * names, so a typo never goes unnoticed.
 */
public record ElementRules(Set<String> children, Set<String> attributes, Map<String, String> ignoredChildren,
                           Map<String, String> ignoredAttributes) {

    public ElementRules {
        children = Set.copyOf(children);
        attributes = Set.copyOf(attributes);
        ignoredChildren = Map.copyOf(ignoredChildren);
        ignoredAttributes = Map.copyOf(ignoredAttributes);
    }

    public static ElementRules of(Set<String> children, Set<String> attributes) {
        return new ElementRules(children, attributes, Map.of(), Map.of());
    }

    /** A James element Mailgate accepts without using it; {@code why} goes into the warning. */
    public ElementRules ignoringChild(String name, String why) {
        var ignored = new java.util.HashMap<>(ignoredChildren);
        ignored.put(name, why);
        return new ElementRules(children, attributes, ignored, ignoredAttributes);
    }

    public ElementRules ignoringAttribute(String name, String why) {
        var ignored = new java.util.HashMap<>(ignoredAttributes);
        ignored.put(name, why);
        return new ElementRules(children, attributes, ignoredChildren, ignored);
    }

    /** Reports every child or attribute of {@code element} that these rules do not know. */
    public void check(XmlElement element, ConfigReport report) {
        for (String attribute : element.attributes().keySet()) {
            if (ignoredAttributes.containsKey(attribute)) {
                report.warning(element, "attribute " + attribute + " of <" + element.name() + "> is ignored: "
                        + ignoredAttributes.get(attribute));
            } else if (!attributes.contains(attribute)) {
                report.error(element, "unknown attribute " + attribute + " on <" + element.name() + ">; allowed: "
                        + names(attributes));
            }
        }
        for (XmlElement child : element.children()) {
            if (ignoredChildren.containsKey(child.name())) {
                report.warning(child, "<" + child.name() + "> is ignored: " + ignoredChildren.get(child.name()));
            } else if (!children.contains(child.name())) {
                report.error(child, "unknown element <" + child.name() + "> in <" + element.name() + ">; allowed: "
                        + names(children));
            }
        }
    }

    private static String names(Set<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(names));
    }
}
