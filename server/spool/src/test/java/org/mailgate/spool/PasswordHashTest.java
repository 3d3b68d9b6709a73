package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void theHashNamesSchemeIterationsSaltAndHash() {
        String hash = new PasswordHash().hash("correct horse battery");

        String[] parts = hash.split("\\$");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo("600000");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
    }

    @Test
    void eachHashHasItsOwnSalt() {
        PasswordHash hashing = new PasswordHash(1_000);
        assertThat(hashing.hash("same password")).isNotEqualTo(hashing.hash("same password"));
    }

    @Test
    void aHashWithAnotherIterationCountStillVerifies() {
        String old = new PasswordHash(1_000).hash("correct horse battery");

        PasswordHash raised = new PasswordHash(2_000);
        assertThat(raised.matches("correct horse battery", old)).isTrue();
        assertThat(raised.matches("correct horse batterY", old)).isFalse();
        assertThat(raised.matches("", old)).isFalse();
    }

    @Test
    void theDecoyHasTheIterationCountAndMatchesNothing() {
        PasswordHash hashing = new PasswordHash(1_000);
        assertThat(hashing.decoy()).startsWith("pbkdf2-sha256$1000$");
        assertThat(hashing.matches("", hashing.decoy())).isFalse();
        assertThat(hashing.matches("correct horse battery", hashing.decoy())).isFalse();
    }

    @Test
    void aDamagedHashIsAnError() {
        PasswordHash hashing = new PasswordHash(1_000);
        assertThatThrownBy(() -> hashing.matches("x", "md5$abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hashing.matches("x", "pbkdf2-sha256$zero$AA$AA"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
