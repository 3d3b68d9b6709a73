package org.mailgate.app.reload;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mailgate.api.config.ConfigError;

/**
 * What came of a reload.
 *
 * @param applied  whether the new pipeline is in place
 * @param errors   why it was rejected, each as {@code file:line: message}
 * @param warnings warnings of the new configuration, and settings that wait for a restart
 * @param summary  one line saying what happened
 */
public record ReloadOutcome(boolean applied, List<ConfigError> errors, List<ConfigError> warnings, String summary) {

    public ReloadOutcome {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** The text for the administrator: the errors, the warnings, then the summary. */
    public String text() {
        return Stream.concat(Stream.concat(errors.stream().map(ConfigError::toString),
                        warnings.stream().map(w -> "warning: " + w)), Stream.of(summary))
                .collect(Collectors.joining("\n"));
    }
}
