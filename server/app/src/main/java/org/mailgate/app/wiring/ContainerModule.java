package org.mailgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.mailgate.api.domain.DomainList;
import org.mailgate.app.config.MailgateConfig;
import org.mailgate.container.context.ContextSettings;
import org.mailgate.container.context.MailgateMailetContext;
import org.mailgate.container.load.ClassResolver;
import org.mailgate.container.load.ExtensionJars;

/** The mailet container: its context and how mailets are created. */
final class ContainerModule extends AbstractModule {

    private final String version;

    ContainerModule(String version) {
        this.version = version;
    }

    @Override
    protected void configure() {
        bind(MailgateMailetContext.class).in(Singleton.class);
        bind(MailetContext.class).to(MailgateMailetContext.class);
    }

    /** Mailets and matchers load from Mailgate's class path, then from the jars in {@code extensions/}. */
    @Provides
    @Singleton
    ClassResolver classResolver(MailgateConfig config) {
        return new ClassResolver(ExtensionJars.classLoader(ExtensionJars.directoryFor(config.confDir()),
                ContainerModule.class.getClassLoader()));
    }

    @Provides
    @Singleton
    ContextSettings contextSettings(MailgateConfig config, DomainList domains) {
        MailAddress postmaster;
        try {
            postmaster = config.container().postmaster().isPresent() ? config.container().postmaster().get()
                    : MailAddress.of("postmaster", domains.defaultDomain());
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalStateException("no postmaster address for domain " + domains.defaultDomain(), e);
        }
        return new ContextSettings(postmaster, config.hostName(), "Mailgate/" + version);
    }
}
