package org.mailgate.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token every admin request must carry: the configured one, or one generated on first start
 * into {@code var/webadmin.token} (readable by the owner only) and printed once in the log.
 */
public final class AccessToken {

    public static final String FILE = "webadmin.token";
    private static final Logger LOG = LoggerFactory.getLogger(AccessToken.class);

    private final byte[] value;

    private AccessToken(String value) {
        this.value = value.getBytes(StandardCharsets.UTF_8);
    }

    /** The configured token, or the one in {@code var/}, generated there if there is none yet. */
    public static AccessToken resolve(Optional<String> configured, Path varDir) throws IOException {
        if (configured.isPresent()) {
            return new AccessToken(configured.get());
        }
        Optional<String> stored = stored(varDir);
        if (stored.isPresent()) {
            return new AccessToken(stored.get());
        }
        Path file = varDir.resolve(FILE);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(varDir);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return new AccessToken(read(file));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, token + "\n", StandardCharsets.US_ASCII);
        LOG.warn("admin API token generated into {} (shown once): {}", file, token);
        return new AccessToken(token);
    }

    /**
     * The token kept in {@code var/webadmin.token}, if that file exists. A file that does not hold a token
     * (left empty by a start that died between creating and writing it) is refused: an empty token would
     * admit an empty {@code Bearer}.
     */
    public static Optional<String> stored(Path varDir) throws IOException {
        Path file = varDir.resolve(FILE);
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    private static String read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!WebAdminConfig.isToken(token)) {
            throw new IOException(file + " does not hold an admin API token (" + WebAdminConfig.TOKEN_SHAPE
                    + "): delete it and the next start generates a new one");
        }
        return token;
    }

    /** Whether {@code authorization} is {@code Bearer <this token>}, compared in constant time. */
    boolean admits(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, value);
    }
}
