package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.mailet.base.StringUtils;

/**
 * One of James's replacing rules, written {@code /regex/substitution/flags/}; several are joined as
 * {@code /r1/s1/f1/,/r2/s2/f2/}. A {@code /} inside a rule, and a {@code /,/} inside a list, is escaped
 * with a backslash; {@code \r}, {@code \n} and {@code \t} in the substitution stand for those
 * characters, and {@code $1} for a group. Flags: {@code i} ignore case, {@code m} multi-line,
 * {@code s} dot matches all, {@code r} repeat. Without {@code r} only the first match is replaced, as
 * in James; with it, matches are replaced until none is left (at most as many times as the text has
 * characters, so a rule whose substitution matches again cannot loop forever).
 */
record ReplacingPattern(Pattern pattern, String substitution, boolean repeat) {

    /** @throws MessagingException naming the parameter and the rule that is not valid */
    static List<ReplacingPattern> parseList(String parameter, String value) throws MessagingException {
        String list = value.trim();
        if (list.length() < 2 || !list.startsWith("/") || !list.endsWith("/")) {
            throw invalid(parameter, value, "rules are written /regex/substitution/flags/");
        }
        List<ReplacingPattern> rules = new ArrayList<>();
        for (String rule : StringUtils.split(list.substring(1, list.length() - 1), "/,/")) {
            rules.add(parse(parameter, rule));
        }
        return List.copyOf(rules);
    }

    private static ReplacingPattern parse(String parameter, String rule) throws MessagingException {
        String[] parts = StringUtils.split(rule, "/");
        if (parts.length != 3) {
            throw invalid(parameter, rule, "a rule has three parts, regex/substitution/flags (escape / as \\/)");
        }
        int options = 0;
        boolean repeat = false;
        for (char flag : parts[2].toCharArray()) {
            switch (flag) {
                case 'i' -> options |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> options |= Pattern.MULTILINE;
                case 's' -> options |= Pattern.DOTALL;
                case 'r' -> repeat = true;
                default -> throw invalid(parameter, rule, "unknown flag '" + flag + "' (allowed: i, m, s, r)");
            }
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(parts[0], options);
        } catch (PatternSyntaxException e) {
            throw invalid(parameter, rule, "not a regular expression: " + e.getDescription());
        }
        String substitution = unescape(parts[1]);
        String problem = substitutionProblem(pattern, substitution);
        if (problem != null) {
            throw invalid(parameter, rule, problem);
        }
        return new ReplacingPattern(pattern, substitution, repeat);
    }

    /** What {@link Matcher#replaceFirst(String)} would fail on, found before any mail is processed. */
    private static String substitutionProblem(Pattern pattern, String substitution) {
        int groups = pattern.matcher("").groupCount();
        for (int i = 0; i < substitution.length(); i++) {
            char c = substitution.charAt(i);
            if (c == '\\') {
                if (++i >= substitution.length()) {
                    return "the substitution ends with a lone backslash";
                }
            } else if (c == '$') {
                if (++i >= substitution.length()) {
                    return "the substitution ends with a lone $ (write \\$ for a dollar sign)";
                }
                char next = substitution.charAt(i);
                if (next == '{') {
                    int end = substitution.indexOf('}', i);
                    String name = end < 0 ? "" : substitution.substring(i + 1, end);
                    if (!pattern.namedGroups().containsKey(name)) {
                        return "the substitution names a group the regex does not have: ${" + name + "}";
                    }
                    i = end;
                } else if (next < '0' || next > '9') {
                    return "in the substitution $ is followed by a group number or {name} (write \\$ for a dollar sign)";
                } else if (next - '0' > groups) {
                    return "the substitution refers to group $" + next + " but the regex has " + groups;
                }
            }
        }
        return null;
    }

    private static String unescape(String substitution) {
        return substitution.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }

    private static MessagingException invalid(String parameter, String rule, String why) {
        return new MessagingException("parameter " + parameter + ": invalid rule '" + rule + "': " + why);
    }

    /** Applies the rules in order. */
    static String applyAll(List<ReplacingPattern> rules, String text) {
        String result = text;
        for (ReplacingPattern rule : rules) {
            result = rule.apply(result);
        }
        return result;
    }

    String apply(String text) {
        if (!repeat) {
            return pattern.matcher(text).replaceFirst(substitution);
        }
        String current = text;
        for (int round = 0; round <= text.length(); round++) {
            Matcher matcher = pattern.matcher(current);
            if (!matcher.find()) {
                return current;
            }
            String next = matcher.replaceFirst(substitution);
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        return current;
    }
}
