package org.mailgate.container.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.XmlElement;

/**
 * Reads the {@code <matcher>} elements of one processor, in file order, and keeps track of which
 * names are defined so far: a name may be used only after its definition, and only once per processor.
 */
final class MatcherDefinitions {

    private final Map<String, XmlElement> everyName = new HashMap<>();
    private final Map<String, XmlElement> defined = new HashMap<>();
    private final List<MatcherNode> topLevel = new ArrayList<>();
    private final ConfigReport report;

    /** Collects every name the processor defines, so a use before the definition can say where it is. */
    MatcherDefinitions(XmlElement processor, ConfigReport report) {
        this.report = report;
        collectNames(processor.children("matcher"));
    }

    private void collectNames(List<XmlElement> matchers) {
        for (XmlElement m : matchers) {
            m.attribute("name").map(String::trim).filter(n -> !n.isEmpty()).ifPresent(n -> everyName.putIfAbsent(n, m));
            collectNames(m.children("matcher"));
        }
    }

    List<MatcherNode> topLevel() {
        return List.copyOf(topLevel);
    }

    /** A top-level {@code <matcher>}: it must have a name, since only a name lets a mailet use it. */
    void define(XmlElement element) {
        if (element.attribute("name").filter(n -> !n.isBlank()).isEmpty()) {
            report.error(element, "a <matcher> directly in a processor needs a name attribute, by which a "
                    + "<mailet match=\"...\"> uses it");
            return;
        }
        node(element).ifPresent(topLevel::add);
    }

    /**
     * Checks a {@code match}/{@code notmatch} value of a mailet: a composite operator must be defined as a
     * named {@code <matcher>}, and a name must be defined before this point.
     */
    void checkUse(MatcherSpec spec, XmlElement where) {
        if (defined.containsKey(spec.name())) {
            if (spec.condition().isPresent()) {
                report.error(where, "'" + spec.name() + "' is a named matcher and takes no condition");
            }
            return;
        }
        if (everyName.containsKey(spec.name())) {
            report.error(where, "matcher '" + spec.name() + "' is used before it is defined (at "
                    + everyName.get(spec.name()).location() + "); move the <matcher> up");
        } else if (CompositeOperator.named(spec.name()).isPresent()) {
            report.error(where, spec.name() + " is a composite matcher: define it with nested matchers, e.g. "
                    + "<matcher name=\"x\" match=\"" + spec.name() + "\"><matcher match=\"...\"/></matcher>, "
                    + "then use match=\"x\"");
        }
    }

    private Optional<MatcherNode> node(XmlElement element) {
        for (String attribute : element.attributes().keySet()) {
            if (!Set.of("name", "match", "notmatch").contains(attribute)) {
                report.error(element, "unknown attribute " + attribute + " on <matcher>; allowed: name, match, notmatch");
            }
        }
        for (XmlElement child : element.children()) {
            if (!child.name().equals("matcher")) {
                report.error(child, "unknown element <" + child.name() + "> in <matcher>; allowed: matcher");
            }
        }
        Optional<String> match = element.attribute("match");
        Optional<String> notMatch = element.attribute("notmatch");
        if (match.isPresent() && notMatch.isPresent()) {
            report.error(element, "<matcher> has both match and notmatch; use one");
            return Optional.empty();
        }
        if (match.isEmpty() && notMatch.isEmpty()) {
            report.error(element, "<matcher> needs a match (or notmatch) attribute");
            return Optional.empty();
        }
        MatcherSpec spec = match.map(s -> MatcherSpec.parse(s, false)).orElseGet(() -> MatcherSpec.parse(notMatch.get(), true));
        if (spec.name().isEmpty()) {
            report.error(element, "the matcher name is empty");
            return Optional.empty();
        }
        Optional<String> name = element.attribute("name").map(String::trim).filter(n -> !n.isEmpty());
        Optional<MatcherNode> node = build(spec, name, element);
        name.ifPresent(n -> {
            if (defined.containsKey(n)) {
                report.error(element, "matcher '" + n + "' is already defined in this processor (at "
                        + defined.get(n).location() + ")");
            } else if (node.isPresent()) {
                defined.put(n, element);
            }
        });
        return node;
    }

    private Optional<MatcherNode> build(MatcherSpec spec, Optional<String> name, XmlElement element) {
        List<XmlElement> nested = element.children("matcher");
        Optional<CompositeOperator> operator = defined.containsKey(spec.name()) ? Optional.empty()
                : CompositeOperator.named(spec.name());
        if (operator.isPresent()) {
            if (spec.condition().isPresent()) {
                report.error(element, "composite matcher " + spec.name() + " takes no condition; nest matchers instead");
            }
            if (nested.isEmpty()) {
                report.error(element, "composite matcher " + spec.name() + " needs at least one nested <matcher>");
                return Optional.empty();
            }
            List<MatcherNode> children = new ArrayList<>();
            for (XmlElement child : nested) {
                node(child).ifPresent(children::add);
            }
            if (children.size() < nested.size()) {
                return Optional.empty();
            }
            return Optional.of(new MatcherNode.Composite(name, operator.get(), spec.inverted(), children, element));
        }
        if (!nested.isEmpty()) {
            report.error(element, spec.name() + " is not a composite matcher, so it cannot have nested matchers; "
                    + "composites are And, Or, Not, Xor");
            return Optional.empty();
        }
        if (defined.containsKey(spec.name())) {
            if (spec.condition().isPresent()) {
                report.error(element, "'" + spec.name() + "' is a named matcher and takes no condition");
            }
            return Optional.of(new MatcherNode.Reference(name, spec.name(), spec.inverted(), element));
        }
        checkUse(spec, element);
        if (everyName.containsKey(spec.name())) {
            return Optional.empty();
        }
        return Optional.of(new MatcherNode.Leaf(name, spec, element));
    }
}
