package org.mailgate.container.config;

import java.util.List;
import org.mailgate.api.config.XmlElement;

/**
 * One {@code <processor state="...">}: its named matchers (composites, in file order) and its mailets
 * in order.
 */
public record ProcessorConfig(String name, List<MatcherNode> matchers, List<MailetEntry> mailets, XmlElement source) {

    public ProcessorConfig {
        matchers = List.copyOf(matchers);
        mailets = List.copyOf(mailets);
    }
}
