package org.mailgate.api.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Locating configuration files and naming them in messages the way an admin sees them. */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    /** {@code conf/smtpserver.xml} for {@code /opt/mailgate/conf} and {@code smtpserver.xml}. */
    public static String displayName(Path confDir, String fileName) {
        Path name = confDir.toAbsolutePath().normalize().getFileName();
        return (name == null ? confDir.toString() : name.toString()) + "/" + fileName;
    }

    /** The parsed file, or empty if it does not exist; a broken file is reported and gives empty. */
    public static Optional<XmlElement> readIfPresent(Path confDir, String fileName, String rootName,
                                                     ConfigReport report) {
        Path path = confDir.resolve(fileName);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        return read(confDir, fileName, rootName, report);
    }

    /** The parsed file; a missing or broken file, or a wrong root element, is reported and gives empty. */
    public static Optional<XmlElement> read(Path confDir, String fileName, String rootName, ConfigReport report) {
        String display = displayName(confDir, fileName);
        try {
            XmlElement root = XmlConfigFile.read(confDir.resolve(fileName), display);
            if (!root.name().equals(rootName)) {
                report.error(root, "the root element must be <" + rootName + ">, not <" + root.name() + ">");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (ConfigException e) {
            report.addAll(e);
            return Optional.empty();
        }
    }
}
