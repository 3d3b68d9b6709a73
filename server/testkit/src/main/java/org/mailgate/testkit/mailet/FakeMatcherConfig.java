package org.mailgate.testkit.mailet;

import org.apache.mailet.MailetContext;
import org.apache.mailet.MatcherConfig;

/** A matcher's configuration for tests; the condition is null when none is given, as in the container. */
public record FakeMatcherConfig(String matcherName, String condition, MailetContext context) implements MatcherConfig {

    public static FakeMatcherConfig of(String name, MailetContext context) {
        return new FakeMatcherConfig(name, null, context);
    }

    public static FakeMatcherConfig of(String name, String condition, MailetContext context) {
        return new FakeMatcherConfig(name, condition, context);
    }

    @Override
    public String getCondition() {
        return condition;
    }

    @Override
    public MailetContext getMailetContext() {
        return context;
    }

    @Override
    public String getMatcherName() {
        return matcherName;
    }
}
