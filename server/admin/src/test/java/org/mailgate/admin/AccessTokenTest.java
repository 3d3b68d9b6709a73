package org.mailgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenTest {

    @TempDir
    Path var;

    @Test
    void aGeneratedTokenIsKeptInVarForItsOwnerOnlyAndReusedAtTheNextStart() throws Exception {
        AccessToken first = AccessToken.resolve(Optional.empty(), var);
        Path file = var.resolve(AccessToken.FILE);
        String token = Files.readString(file).strip();

        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.admits("Bearer " + token)).isTrue();
        assertThat(AccessToken.resolve(Optional.empty(), var).admits("Bearer " + token)).isTrue();
    }

    @Test
    void onlyTheExactBearerTokenIsAdmitted() throws Exception {
        AccessToken token = AccessToken.resolve(Optional.of("0123456789abcdef"), var);

        assertThat(token.admits("Bearer 0123456789abcdef")).isTrue();
        assertThat(token.admits("bearer 0123456789abcdef")).isTrue();
        assertThat(token.admits("Bearer 0123456789abcdeF")).isFalse();
        assertThat(token.admits("Bearer 0123456789abcde")).isFalse();
        assertThat(token.admits("Basic 0123456789abcdef")).isFalse();
        assertThat(token.admits(null)).isFalse();
        assertThat(Files.exists(var.resolve(AccessToken.FILE))).as("a configured token is not written").isFalse();
    }

    @Test
    void aStoredFileThatHoldsNoTokenIsRefusedInsteadOfAdmittingAnEmptyBearer() throws Exception {
        Files.writeString(var.resolve(AccessToken.FILE), "");

        assertThatThrownBy(() -> AccessToken.resolve(Optional.empty(), var)).isInstanceOf(IOException.class)
                .hasMessageContaining(AccessToken.FILE).hasMessageContaining("delete it");
    }
}
