package org.mailgate.testkit.mailet;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;

/** A mailet's configuration for tests: {@code FakeMailetConfig.of("ToProcessor", context).param("processor", "x")}. */
public final class FakeMailetConfig implements MailetConfig {

    private final String name;
    private final MailetContext context;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private FakeMailetConfig(String name, MailetContext context) {
        this.name = name;
        this.context = context;
    }

    public static FakeMailetConfig of(String name, MailetContext context) {
        return new FakeMailetConfig(name, context);
    }

    public FakeMailetConfig param(String key, String value) {
        parameters.put(key, value);
        return this;
    }

    @Override
    public String getInitParameter(String key) {
        return parameters.get(key);
    }

    @Override
    public Iterator<String> getInitParameterNames() {
        return parameters.keySet().iterator();
    }

    @Override
    public MailetContext getMailetContext() {
        return context;
    }

    @Override
    public String getMailetName() {
        return name;
    }
}
