package org.mailgate.container.load;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.util.Optional;
import org.apache.mailet.Mailet;
import org.apache.mailet.MailetContext;
import org.apache.mailet.Matcher;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.XmlElement;
import org.mailgate.container.config.MailetEntry;
import org.mailgate.container.config.MatcherSpec;

/**
 * Creates and initialises mailets and matchers through a Guice child injector, so they can take
 * collaborators (the repositories, the outgoing queues, DNS...) in an {@code @Inject} constructor.
 * Every failure is reported against the line of the configuration that asked for the class.
 */
public final class MailetLoader {

    private final Injector injector;
    private final ClassResolver resolver;

    /** Mailets are created by a child of {@code parent}, so their bindings stay out of the server's. */
    @Inject
    public MailetLoader(Injector parent, ClassResolver resolver) {
        this.injector = parent.createChildInjector();
        this.resolver = resolver;
    }

    public Optional<Mailet> mailet(MailetEntry entry, MailetContext context, ConfigReport report) {
        Optional<Class<? extends Mailet>> type = resolver.resolve(entry.className(), ClassResolver.MAILET_PACKAGES,
                Mailet.class);
        if (type.isEmpty()) {
            report.error(entry.source(), notFound("mailet", entry.className(), ClassResolver.MAILET_PACKAGES,
                    Mailet.class));
            return Optional.empty();
        }
        Optional<Mailet> mailet = create(type.get(), "mailet " + entry.className(), entry.source(), report);
        if (mailet.isEmpty()) {
            return Optional.empty();
        }
        try {
            mailet.get().init(new SimpleMailetConfig(entry.className(), entry.parameters(), context));
            return mailet;
        } catch (MessagingException | RuntimeException | LinkageError e) {
            report.error(entry.source(), "mailet " + entry.className() + ": " + message(e));
            return Optional.empty();
        }
    }

    /** Creates the matcher {@code spec} names; {@code where} is the element that asks for it. */
    public Optional<Matcher> matcher(MatcherSpec spec, XmlElement where, MailetContext context, ConfigReport report) {
        Optional<Class<? extends Matcher>> type = resolver.resolve(spec.name(), ClassResolver.MATCHER_PACKAGES,
                Matcher.class);
        if (type.isEmpty()) {
            report.error(where, notFound("matcher", spec.name(), ClassResolver.MATCHER_PACKAGES, Matcher.class));
            return Optional.empty();
        }
        Optional<Matcher> matcher = create(type.get(), "matcher " + spec.name(), where, report);
        if (matcher.isEmpty()) {
            return Optional.empty();
        }
        try {
            matcher.get().init(new SimpleMatcherConfig(spec.name(), spec.condition().orElse(null), context));
            return matcher;
        } catch (MessagingException | RuntimeException | LinkageError e) {
            report.error(where, "matcher " + spec + ": " + message(e));
            return Optional.empty();
        }
    }

    private <T> Optional<T> create(Class<? extends T> type, String what, XmlElement where, ConfigReport report) {
        try {
            return Optional.of(injector.getInstance(type));
        } catch (ConfigurationException | ProvisionException | LinkageError e) {
            report.error(where, what + " cannot be created: " + e.getMessage());
            return Optional.empty();
        }
    }

    private String notFound(String kind, String name, java.util.List<String> packages, Class<?> type) {
        Optional<Class<?>> exists = resolver.find(name, packages);
        if (exists.isPresent()) {
            return kind + " class " + exists.get().getName() + " is not a " + type.getName();
        }
        return "unknown " + kind + " '" + name + "'; looked for "
                + String.join(", ", ClassResolver.candidates(name, packages));
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
