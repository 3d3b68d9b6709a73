package org.mailgate.container.matchers;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.Matcher;
import org.apache.mailet.MatcherConfig;
import org.mailgate.container.config.CompositeOperator;

/**
 * A composite matcher ({@code And}, {@code Or}, {@code Not}, {@code Xor}) over nested matchers, with
 * James's results: each nested matcher is asked once per mail; {@code null} counts as no recipient; the
 * result keeps the order of the mail's recipients.
 */
public final class CompositeMatcher implements Matcher {

    private final MatcherConfig config;
    private final CompositeOperator operator;
    private final List<Matcher> children;

    /** {@code config} names the composite (its {@code name} attribute, or the operator for an unnamed one). */
    public CompositeMatcher(MatcherConfig config, CompositeOperator operator, List<Matcher> children) {
        this.config = config;
        this.operator = operator;
        this.children = List.copyOf(children);
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        List<Set<MailAddress>> results = new ArrayList<>(children.size());
        for (Matcher child : children) {
            Collection<MailAddress> matched = child.match(mail);
            results.add(matched == null ? Set.of() : new LinkedHashSet<>(matched));
        }
        List<MailAddress> selected = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            if (selects(recipient, results)) {
                selected.add(recipient);
            }
        }
        return selected;
    }

    private boolean selects(MailAddress recipient, List<Set<MailAddress>> results) {
        long hits = results.stream().filter(r -> r.contains(recipient)).count();
        return switch (operator) {
            case AND -> hits == results.size();
            case OR -> hits > 0;
            case NOT -> hits == 0;
            case XOR -> hits % 2 == 1;
        };
    }

    @Override
    public void init(MatcherConfig config) {
        // the nested matchers are initialised by the container, each with its own condition
    }

    @Override
    public void destroy() {
        children.forEach(Matcher::destroy);
    }

    @Override
    public MatcherConfig getMatcherConfig() {
        return config;
    }

    @Override
    public String getMatcherInfo() {
        return operator.shortName() + " composite matcher '" + config.getMatcherName() + "'";
    }
}
