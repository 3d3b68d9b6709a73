package org.mailgate.spool.rrt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailgate.api.config.ConfigFiles;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.ElementRules;
import org.mailgate.api.config.Values;
import org.mailgate.api.config.XmlElement;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.RewriteSettings;

/**
 * {@code recipientrewritetable.xml} in James's format:
 * <pre>
 * &lt;recipientrewritetable&gt;
 *   &lt;recursiveMapping&gt;true&lt;/recursiveMapping&gt;
 *   &lt;mappingLimit&gt;10&lt;/mappingLimit&gt;
 *   &lt;mapping&gt;sales@example.com=alice@example.com;bob@example.com&lt;/mapping&gt;
 *   &lt;mapping&gt;*@old.example=domain:example.com, gone@example.com=error:550 5.1.1 Gone&lt;/mapping&gt;
 * &lt;/recipientrewritetable&gt;
 * </pre>
 * A {@code <mapping>} holds {@code source=targets} items separated by {@code ,}; the targets of one
 * source are separated by {@code ;} (or by {@code :} when none has a prefix, as James allows). Sources
 * and targets are those of {@link MappingSource} and {@link Mapping}. Every mapping is checked: a bad one
 * is an error naming the file, the line and the mapping. A source may be given once.
 *
 * @param settings recursion and its limit
 * @param mappings the mappings of each source, in the order written
 * @param origins  where the file gives the mappings of each source ({@code file:line})
 */
public record RecipientRewriteTableConfig(RewriteSettings settings, Map<MappingSource, List<Mapping>> mappings,
                                          Map<MappingSource, String> origins) {

    public static final String FILE = "recipientrewritetable.xml";

    private static final int MAX_MAPPING_LIMIT = 1000;
    private static final ElementRules ROOT = ElementRules.of(
                    Set.of("recursiveMapping", "mappingLimit", "mapping"), Set.of())
            .ignoringAttribute("class", "Mailgate uses the mappings of this file together with those stored "
                    + "in its database");

    public RecipientRewriteTableConfig {
        Map<MappingSource, List<Mapping>> copy = new LinkedHashMap<>();
        mappings.forEach((source, list) -> copy.put(source, List.copyOf(list)));
        mappings = Collections.unmodifiableMap(copy);
        origins = Map.copyOf(origins);
    }

    /** Mappings not read from a file. */
    public RecipientRewriteTableConfig(RewriteSettings settings, Map<MappingSource, List<Mapping>> mappings) {
        this(settings, mappings, Map.of());
    }

    /** No mappings in the file; James's defaults. */
    public static RecipientRewriteTableConfig none() {
        return new RecipientRewriteTableConfig(RewriteSettings.DEFAULT, Map.of());
    }

    /** Reads {@code confDir/recipientrewritetable.xml}; without the file, no mappings and the defaults. */
    public static RecipientRewriteTableConfig read(Path confDir, ConfigReport report) {
        return ConfigFiles.readIfPresent(confDir, FILE, "recipientrewritetable", report)
                .map(root -> parse(root, report))
                .orElseGet(RecipientRewriteTableConfig::none);
    }

    static RecipientRewriteTableConfig parse(XmlElement root, ConfigReport report) {
        ROOT.check(root, report);
        boolean recursive = root.child("recursiveMapping").map(e -> Values.booleanValue(e, true, report)).orElse(true);
        int limit = root.child("mappingLimit")
                .map(e -> Values.intValue(e, 1, MAX_MAPPING_LIMIT, RewriteSettings.DEFAULT_MAPPING_LIMIT, report))
                .orElse(RewriteSettings.DEFAULT_MAPPING_LIMIT);
        Map<MappingSource, List<Mapping>> mappings = new LinkedHashMap<>();
        Map<MappingSource, Integer> firstLine = new HashMap<>();
        Map<MappingSource, String> origins = new HashMap<>();
        for (XmlElement element : root.children("mapping")) {
            if (element.text().isBlank()) {
                report.error(element, "<mapping> must not be empty: write source=target, e.g. "
                        + "info@example.com=alice@example.com");
                continue;
            }
            for (String item : element.text().split(",")) {
                if (item.isBlank()) {
                    continue;
                }
                parseItem(item.trim(), element, report).ifPresent(parsed -> {
                    Integer earlier = firstLine.putIfAbsent(parsed.source(), element.line());
                    if (earlier != null) {
                        report.error(element, "mapping '" + item.trim() + "': " + parsed.source()
                                + " is already mapped at line " + earlier + "; give all its targets in one "
                                + "mapping, separated by ';'");
                    } else {
                        mappings.put(parsed.source(), parsed.targets());
                        origins.put(parsed.source(), element.location());
                    }
                });
            }
        }
        return new RecipientRewriteTableConfig(new RewriteSettings(recursive, limit), mappings, origins);
    }

    /** One {@code source=targets} item. */
    private record Item(MappingSource source, List<Mapping> targets) {
    }

    private static Optional<Item> parseItem(String item, XmlElement element, ConfigReport report) {
        int equals = item.indexOf('=');
        if (equals < 0) {
            report.error(element, "mapping '" + item + "' has no '=': write source=target, e.g. "
                    + "info@example.com=alice@example.com");
            return Optional.empty();
        }
        MappingSource source;
        try {
            source = MappingSource.parse(item.substring(0, equals));
        } catch (IllegalArgumentException e) {
            report.error(element, "mapping '" + item + "': " + e.getMessage());
            return Optional.empty();
        }
        String targets = item.substring(equals + 1).trim();
        Set<Mapping> parsed = new LinkedHashSet<>();
        boolean valid = true;
        for (String target : splitTargets(targets)) {
            if (target.isBlank()) {
                continue;
            }
            try {
                parsed.add(Mapping.parse(target));
            } catch (IllegalArgumentException e) {
                report.error(element, "mapping '" + item + "': " + e.getMessage());
                valid = false;
            }
        }
        if (valid && parsed.isEmpty()) {
            report.error(element, "mapping '" + item + "' has no target after '='");
        }
        return valid && !parsed.isEmpty() ? Optional.of(new Item(source, new ArrayList<>(parsed))) : Optional.empty();
    }

    /**
     * James's rule: {@code ;} separates targets; without one, {@code :} does, unless a target has a prefix
     * (whose own {@code :} must stay).
     */
    private static List<String> splitTargets(String targets) {
        if (targets.indexOf(';') >= 0) {
            return List.of(targets.split(";"));
        }
        String lower = targets.toLowerCase(Locale.ROOT);
        for (Mapping.Type type : Mapping.Type.values()) {
            if (!type.prefix().isEmpty() && lower.contains(type.prefix())) {
                return List.of(targets);
            }
        }
        return List.of(targets.split(":"));
    }
}
