package org.mailgate.app.admincli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of one admin command after its action: positional ones, {@code --flag}s and
 * {@code --option VALUE}s (or {@code --option=VALUE}), checked against what the action accepts.
 */
record Arguments(List<String> positional, Set<String> flags, Map<String, String> options) {

    static Arguments parse(List<String> args, Set<String> allowedFlags, Set<String> allowedOptions) throws CliFailure {
        List<String> positional = new ArrayList<>();
        Set<String> flags = new java.util.HashSet<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (allowedFlags.contains(name) && equals < 0) {
                flags.add(name);
            } else if (allowedOptions.contains(name)) {
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    throw CliFailure.usage(name + " needs a value");
                }
                if (options.put(name, value) != null) {
                    throw CliFailure.usage(name + " given twice");
                }
            } else {
                throw CliFailure.usage("unknown option " + arg);
            }
        }
        return new Arguments(List.copyOf(positional), Set.copyOf(flags), Map.copyOf(options));
    }

    /** Checks that there are {@code min} to {@code max} positional arguments, named in the message by {@code shape}. */
    Arguments expect(int min, int max, String shape) throws CliFailure {
        if (positional.size() < min || positional.size() > max) {
            throw CliFailure.usage("expected " + shape);
        }
        return this;
    }

    Optional<String> at(int index) {
        return index < positional.size() ? Optional.of(positional.get(index)) : Optional.empty();
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }
}
