package org.mailgate.container.load;

import org.apache.mailet.MailetContext;
import org.apache.mailet.MatcherConfig;

/** A matcher's name, condition (null when none was given, as James does) and context. */
public record SimpleMatcherConfig(String matcherName, String condition, MailetContext context)
        implements MatcherConfig {

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
