package org.mailgate.container.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jars of third-party mailets and matchers: every {@code *.jar} in the {@code extensions/}
 * directory beside {@code conf/}. Their classes load through one class loader whose parent is
 * Mailgate's, so they see the Mailet API and Mailgate's API but not each other's copies of them.
 */
public final class ExtensionJars {

    public static final String DIRECTORY = "extensions";
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionJars.class);

    private ExtensionJars() {
    }

    /** The extensions directory that belongs to {@code confDir}. */
    public static Path directoryFor(Path confDir) {
        Path absolute = confDir.toAbsolutePath().normalize();
        return absolute.getParent() == null ? absolute.resolve(DIRECTORY) : absolute.resolveSibling(DIRECTORY);
    }

    /** The jars in {@code directory}, by name; none if it does not exist. */
    public static List<Path> jars(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** A class loader for the jars in {@code directory}, or {@code parent} itself when there are none. */
    public static ClassLoader classLoader(Path directory, ClassLoader parent) {
        List<Path> jars = jars(directory);
        if (jars.isEmpty()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("cannot use " + jar + ": " + e.getMessage(), e);
            }
        }
        LOG.info("mailet extensions: {}", jars.stream().map(j -> j.getFileName().toString()).toList());
        return new URLClassLoader("mailgate-extensions", urls.toArray(URL[]::new), parent);
    }
}
