package org.mailgate.smtp.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the files were like when they were read: modification time, size and file identity (inode), so
 * that a file edited in place and a file replaced by a rename are both noticed.
 */
record FileStamps(List<String> stamps) {

    static FileStamps of(List<Path> files) {
        List<String> stamps = new ArrayList<>();
        for (Path file : files) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.add(file + "|" + attributes.lastModifiedTime().toMillis() + "|" + attributes.size() + "|"
                        + Objects.toString(attributes.fileKey(), ""));
            } catch (IOException e) {
                stamps.add(file + "|missing");
            }
        }
        return new FileStamps(List.copyOf(stamps));
    }
}
