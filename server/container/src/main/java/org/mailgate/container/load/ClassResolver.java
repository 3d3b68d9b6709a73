package org.mailgate.container.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds mailet and matcher classes. A short name ({@code RemoteDelivery}) is looked up in Mailgate's
 * package first, then in James's default package, so James configurations and James mailet jars work
 * unchanged; a name with dots is a fully qualified class name.
 */
public final class ClassResolver {

    public static final List<String> MAILET_PACKAGES = List.of("org.mailgate.mailets",
            "org.apache.james.transport.mailets");
    public static final List<String> MATCHER_PACKAGES = List.of("org.mailgate.matchers",
            "org.apache.james.transport.matchers");

    private final ClassLoader classLoader;

    public ClassResolver(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** The class named {@code name} that is a {@code type}, searched as described above. */
    public <T> Optional<Class<? extends T>> resolve(String name, List<String> packages, Class<T> type) {
        for (String candidate : candidates(name, packages)) {
            try {
                Class<?> found = Class.forName(candidate, false, classLoader);
                if (type.isAssignableFrom(found)) {
                    return Optional.of(found.asSubclass(type));
                }
            } catch (ClassNotFoundException | NoClassDefFoundError e) {
                // try the next package
            }
        }
        return Optional.empty();
    }

    /** Whether a class of that name exists at all (to tell "not a mailet" from "not found"). */
    public Optional<Class<?>> find(String name, List<String> packages) {
        for (String candidate : candidates(name, packages)) {
            try {
                return Optional.of(Class.forName(candidate, false, classLoader));
            } catch (ClassNotFoundException | NoClassDefFoundError e) {
                // try the next package
            }
        }
        return Optional.empty();
    }

    public static List<String> candidates(String name, List<String> packages) {
        if (name.contains(".")) {
            return List.of(name);
        }
        List<String> names = new ArrayList<>();
        for (String p : packages) {
            names.add(p + "." + name);
        }
        return names;
    }
}
