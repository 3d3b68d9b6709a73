package org.mailgate.spool;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Slow salted password hashes: PBKDF2 with HMAC-SHA256 (built into the JDK), a random 16-byte salt and
 * a 256-bit result, stored as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64 without padding).
 * The iteration count travels with each hash, so raising {@link #DEFAULT_ITERATIONS} later keeps old
 * hashes valid (they are re-hashed at their next password change).
 *
 * <p>600,000 iterations is OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; one verification takes
 * about 75 ms on an idle core of the 2-core build machine and about 150 ms while it is shared.
 */
public final class PasswordHash {

    public static final String SCHEME = "pbkdf2-sha256";
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public PasswordHash() {
        this(DEFAULT_ITERATIONS);
    }

    /** @param iterations PBKDF2 rounds for new hashes */
    public PasswordHash(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
    }

    /** A new hash of {@code password} with a fresh salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return SCHEME + "$" + iterations + "$" + ENCODER.encodeToString(salt) + "$"
                + ENCODER.encodeToString(derive(password, salt, iterations));
    }

    /**
     * A well-formed hash with this instance's iteration count that no password matches (its hash part is
     * all zeros): checking against it costs as much as checking a real one, without computing one first.
     */
    public String decoy() {
        return SCHEME + "$" + iterations + "$" + ENCODER.encodeToString(new byte[SALT_BYTES]) + "$"
                + ENCODER.encodeToString(new byte[HASH_BITS / 8]);
    }

    /**
     * Whether {@code password} matches {@code stored}, compared in constant time.
     *
     * @throws IllegalArgumentException when {@code stored} is not a hash this class wrote
     */
    public boolean matches(String password, String stored) {
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a " + SCHEME + " hash");
        }
        int rounds;
        byte[] salt;
        byte[] expected;
        try {
            rounds = Integer.parseInt(parts[1]);
            salt = DECODER.decode(parts[2]);
            expected = DECODER.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("damaged " + SCHEME + " hash: " + e.getMessage(), e);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("damaged " + SCHEME + " hash: iterations " + rounds);
        }
        return MessageDigest.isEqual(expected, derive(password, salt, rounds));
    }

    private static byte[] derive(String password, byte[] salt, int rounds) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
        }
    }
}
