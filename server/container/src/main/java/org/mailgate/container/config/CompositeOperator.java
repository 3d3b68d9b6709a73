package org.mailgate.container.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The composite matchers: how the recipient sets of the nested matchers combine. James's class names
 * ({@code org.apache.james.mailetcontainer.impl.matchers.Or}...) are accepted as aliases.
 */
public enum CompositeOperator {
    /** Recipients every nested matcher matched. */
    AND,
    /** Recipients any nested matcher matched. */
    OR,
    /** Recipients no nested matcher matched. */
    NOT,
    /** Recipients an odd number of nested matchers matched (James's fold of symmetric differences). */
    XOR;

    public static final String JAMES_PACKAGE = "org.apache.james.mailetcontainer.impl.matchers";

    /** The short name written in configurations: {@code And}, {@code Or}, {@code Not}, {@code Xor}. */
    public String shortName() {
        String lower = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** The operator a {@code match} value names, short or with James's package. */
    public static Optional<CompositeOperator> named(String name) {
        String shortName = name.startsWith(JAMES_PACKAGE + ".") ? name.substring(JAMES_PACKAGE.length() + 1) : name;
        return Arrays.stream(values()).filter(o -> o.shortName().equals(shortName)).findFirst();
    }
}
