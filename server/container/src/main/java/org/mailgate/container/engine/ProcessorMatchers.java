package org.mailgate.container.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mailet.MailetContext;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.MatcherInverter;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.container.config.CompositeOperator;
import org.mailgate.container.config.MailetEntry;
import org.mailgate.container.config.MatcherNode;
import org.mailgate.container.config.MatcherSpec;
import org.mailgate.container.load.MailetLoader;
import org.mailgate.container.load.SimpleMatcherConfig;
import org.mailgate.container.matchers.CompositeMatcher;

/**
 * Creates the matchers of one processor: its named (composite) matchers first, in file order, then the
 * matcher of each mailet, which is either one of those names or a matcher class with its condition.
 */
final class ProcessorMatchers {

    private final MailetLoader loader;
    private final MailetContext context;
    private final ConfigReport report;
    private final Map<String, Matcher> named = new HashMap<>();
    private final Set<String> failed = new HashSet<>();

    ProcessorMatchers(MailetLoader loader, MailetContext context, ConfigReport report) {
        this.loader = loader;
        this.context = context;
        this.report = report;
    }

    /** Creates a named matcher so that later {@code match} attributes can use it. */
    void define(MatcherNode node) {
        Optional<Matcher> matcher = build(node);
        node.name().ifPresent(name -> register(name, matcher));
    }

    private void register(String name, Optional<Matcher> matcher) {
        if (matcher.isPresent()) {
            named.put(name, matcher.get());
        } else {
            failed.add(name);
        }
    }

    /** The matcher of {@code entry}: all recipients when it has none. */
    Optional<Matcher> forMailet(MailetEntry entry) {
        if (entry.matcher().isEmpty()) {
            return Optional.of(new AllRecipients());
        }
        MatcherSpec spec = entry.matcher().get();
        if (failed.contains(spec.name())) {
            return Optional.empty();
        }
        Matcher definition = named.get(spec.name());
        if (definition != null) {
            return Optional.of(invertIf(spec.inverted(), definition));
        }
        if (CompositeOperator.named(spec.name()).isPresent()) {
            return Optional.empty(); // reported while reading: a composite needs a <matcher> definition
        }
        return loader.matcher(spec, entry.source(), context, report).map(m -> invertIf(spec.inverted(), m));
    }

    private Optional<Matcher> build(MatcherNode node) {
        return switch (node) {
            case MatcherNode.Leaf leaf -> loader.matcher(leaf.spec(), leaf.source(), context, report)
                    .map(m -> invertIf(leaf.spec().inverted(), m));
            case MatcherNode.Reference reference -> Optional.ofNullable(named.get(reference.target()))
                    .map(m -> invertIf(reference.inverted(), m));
            case MatcherNode.Composite composite -> composite(composite);
        };
    }

    private Optional<Matcher> composite(MatcherNode.Composite composite) {
        List<Matcher> children = new ArrayList<>();
        for (MatcherNode child : composite.children()) {
            Optional<Matcher> built = build(child);
            child.name().ifPresent(name -> register(name, built));
            built.ifPresent(children::add);
        }
        if (children.size() < composite.children().size()) {
            return Optional.empty();
        }
        String name = composite.name().orElse(composite.operator().shortName());
        Matcher matcher = new CompositeMatcher(new SimpleMatcherConfig(name, null, context), composite.operator(),
                children);
        return Optional.of(invertIf(composite.inverted(), matcher));
    }

    private static Matcher invertIf(boolean inverted, Matcher matcher) {
        return inverted ? new MatcherInverter(matcher) : matcher;
    }
}
