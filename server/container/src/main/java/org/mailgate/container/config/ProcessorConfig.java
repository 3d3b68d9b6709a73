package org.mailgate.container.config;

import java.util.List;
import org.mailgate.api.config.XmlElement;

/** One {@code <processor state="...">}: its mailets in order. */
public record ProcessorConfig(String name, List<MailetEntry> mailets, XmlElement source) {

    public ProcessorConfig {
        mailets = List.copyOf(mailets);
    }
}
