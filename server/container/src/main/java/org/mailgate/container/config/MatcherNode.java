package org.mailgate.container.config;

import java.util.List;
import java.util.Optional;
import org.mailgate.api.config.XmlElement;

/**
 * One {@code <matcher>} element of a processor: a composite ({@code And}, {@code Or}, {@code Not},
 * {@code Xor}) of nested matchers, a reference to a composite defined earlier in the processor, or a
 * plain matcher with its condition.
 */
public sealed interface MatcherNode {

    /** The name under which later {@code match} attributes refer to this node, if it has one. */
    Optional<String> name();

    XmlElement source();

    /** {@code <matcher name="relay-allowed" match="Or">} with nested matchers. */
    record Composite(Optional<String> name, CompositeOperator operator, boolean inverted, List<MatcherNode> children,
                     XmlElement source) implements MatcherNode {
        public Composite {
            children = List.copyOf(children);
        }
    }

    /** {@code <matcher match="relay-allowed"/>}: a composite defined earlier in the same processor. */
    record Reference(Optional<String> name, String target, boolean inverted, XmlElement source) implements MatcherNode {
    }

    /** {@code <matcher match="SMTPAuthSuccessful"/>}: a matcher class with its condition. */
    record Leaf(Optional<String> name, MatcherSpec spec, XmlElement source) implements MatcherNode {
    }
}
