package org.mailgate.container.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mailet.Mail;
import org.mailgate.api.config.ConfigFiles;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.ElementRules;
import org.mailgate.api.config.Values;
import org.mailgate.api.config.XmlElement;
import org.mailgate.api.repository.MailRepositoryUrl;

/**
 * {@code mailetcontainer.xml} in James's format, read and checked as a whole: the required processors,
 * every processor a mailet may send mail to, named matchers defined before use; processors whose mail
 * can fall off the end are warned about.
 *
 * @param postmaster      {@code <context><postmaster>}; empty for {@code postmaster@<default domain>}
 * @param threads         {@code <spooler><threads>}: mails processed at once
 * @param errorRepository {@code <spooler><errorRepository>}: where a mail goes when processing keeps failing
 * @param processors      by name, in file order
 */
public record ContainerConfig(Optional<org.apache.james.core.MailAddress> postmaster, int threads, MailRepositoryUrl errorRepository,
                              Map<String, ProcessorConfig> processors) {

    public static final String FILE = "mailetcontainer.xml";
    public static final MailRepositoryUrl DEFAULT_ERROR_REPOSITORY = MailRepositoryUrl.of("file://var/mail/error/");

    private static final ElementRules ROOT = ElementRules.of(Set.of("context", "spooler", "processors"), Set.of())
            .ignoringAttribute("enableJmx", "Mailgate has no JMX; see the metrics endpoint instead");
    private static final ElementRules CONTEXT = ElementRules.of(Set.of("postmaster"), Set.of());
    private static final ElementRules SPOOLER = ElementRules.of(Set.of("threads", "errorRepository"), Set.of());
    private static final ElementRules PROCESSORS = ElementRules.of(Set.of("processor"), Set.of());
    private static final ElementRules PROCESSOR = ElementRules.of(Set.of("mailet", "matcher"), Set.of("state"))
            .ignoringAttribute("enableJmx", "Mailgate has no JMX; see the metrics endpoint instead")
            .ignoringAttribute("class", "every Mailgate processor runs its mailets in order, as James's does");

    public ContainerConfig {
        processors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(processors));
    }

    public static ContainerConfig read(Path confDir, ConfigReport report) {
        return ConfigFiles.read(confDir, FILE, "mailetcontainer", report)
                .map(root -> parse(root, report))
                .orElseGet(() -> new ContainerConfig(Optional.empty(), 1, DEFAULT_ERROR_REPOSITORY, Map.of()));
    }

    static ContainerConfig parse(XmlElement root, ConfigReport report) {
        ROOT.check(root, report);
        Optional<org.apache.james.core.MailAddress> postmaster = root.child("context").flatMap(context -> {
            CONTEXT.check(context, report);
            return context.child("postmaster").flatMap(p -> Values.requiredText(p, report).flatMap(text -> {
                try {
                    return Optional.of(new org.apache.james.core.MailAddress(text));
                } catch (jakarta.mail.internet.AddressException e) {
                    report.error(p, "<postmaster> '" + text + "' is not a mail address");
                    return Optional.empty();
                }
            }));
        });
        int threads = 20;
        MailRepositoryUrl errorRepository = DEFAULT_ERROR_REPOSITORY;
        Optional<XmlElement> spooler = root.child("spooler");
        if (spooler.isPresent()) {
            SPOOLER.check(spooler.get(), report);
            threads = spooler.get().child("threads").map(t -> Values.intValue(t, 1, 1000, 20, report)).orElse(20);
            Optional<XmlElement> repository = spooler.get().child("errorRepository");
            if (repository.isPresent()) {
                errorRepository = repositoryUrl(repository.get(), report).orElse(DEFAULT_ERROR_REPOSITORY);
            }
        }
        Map<String, ProcessorConfig> processors = new LinkedHashMap<>();
        Optional<XmlElement> processorsElement = root.child("processors");
        if (processorsElement.isEmpty()) {
            report.error(root, "<processors> is missing");
        } else {
            PROCESSORS.check(processorsElement.get(), report);
            for (XmlElement p : processorsElement.get().children("processor")) {
                processor(p, report).ifPresent(config -> {
                    if (processors.containsKey(config.name())) {
                        report.error(p, "processor '" + config.name() + "' is defined twice (first at "
                                + processors.get(config.name()).source().location() + ")");
                    } else {
                        processors.put(config.name(), config);
                    }
                });
            }
            for (String required : List.of(Mail.DEFAULT, Mail.ERROR)) {
                if (!processors.containsKey(required)) {
                    report.error(processorsElement.get(), "processor '" + required + "' is missing; it is required");
                }
            }
        }
        ContainerConfig config = new ContainerConfig(postmaster, threads, errorRepository, processors);
        ProcessorReferences.check(config, report);
        ProcessorEnds.check(config, report);
        return config;
    }

    private static Optional<ProcessorConfig> processor(XmlElement p, ConfigReport report) {
        PROCESSOR.check(p, report);
        Optional<String> state = p.attribute("state").filter(s -> !s.isBlank());
        if (state.isEmpty()) {
            report.error(p, "<processor> needs a state attribute (its name)");
            return Optional.empty();
        }
        if (state.get().equals(Mail.GHOST)) {
            report.error(p, "a processor cannot be named 'ghost': that state means the mail is done");
            return Optional.empty();
        }
        MatcherDefinitions matchers = new MatcherDefinitions(p, report);
        List<MailetEntry> mailets = new ArrayList<>();
        for (XmlElement child : p.children()) {
            switch (child.name()) {
                case "matcher" -> matchers.define(child);
                case "mailet" -> mailet(child, report).ifPresent(entry -> {
                    entry.matcher().ifPresent(spec -> matchers.checkUse(spec, child));
                    mailets.add(entry);
                });
                default -> {
                    // reported by PROCESSOR.check
                }
            }
        }
        return Optional.of(new ProcessorConfig(state.get(), matchers.topLevel(), mailets, p));
    }

    private static Optional<MailetEntry> mailet(XmlElement m, ConfigReport report) {
        for (String attribute : m.attributes().keySet()) {
            if (!Set.of("match", "notmatch", "class").contains(attribute)) {
                report.error(m, "unknown attribute " + attribute + " on <mailet>; allowed: class, match, notmatch");
            }
        }
        Optional<String> className = m.attribute("class").filter(s -> !s.isBlank());
        if (className.isEmpty()) {
            report.error(m, "<mailet> needs a class attribute");
            return Optional.empty();
        }
        Optional<String> match = m.attribute("match");
        Optional<String> notMatch = m.attribute("notmatch");
        if (match.isPresent() && notMatch.isPresent()) {
            report.error(m, "<mailet> has both match and notmatch; use one");
            return Optional.empty();
        }
        Optional<MatcherSpec> matcher = match.map(s -> MatcherSpec.parse(s, false))
                .or(() -> notMatch.map(s -> MatcherSpec.parse(s, true)));
        if (matcher.isPresent() && matcher.get().name().isEmpty()) {
            report.error(m, "the matcher name is empty");
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        FailurePolicy onMatch = new FailurePolicy.ToError();
        FailurePolicy onMailet = new FailurePolicy.ToError();
        for (XmlElement child : m.children()) {
            switch (child.name()) {
                case "onMatchException" -> onMatch = FailurePolicy.forMatcher(child.text());
                case "onMailetException" -> onMailet = FailurePolicy.forMailet(child.text());
                default -> parameters.merge(child.name(), child.text(), (a, b) -> a + "," + b);
            }
        }
        return Optional.of(new MailetEntry(matcher, className.get().trim(), parameters, onMatch, onMailet, m));
    }

    private static Optional<MailRepositoryUrl> repositoryUrl(XmlElement e, ConfigReport report) {
        try {
            return Optional.of(MailRepositoryUrl.of(e.text()));
        } catch (IllegalArgumentException ex) {
            report.error(e, "<" + e.name() + ">: " + ex.getMessage());
            return Optional.empty();
        }
    }
}
