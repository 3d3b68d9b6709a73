package org.mailgate.api.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailRepositoryUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"file://var/mail/error/", "file://var/mail/error", "memory://errors///", "file:///var/mail/"})
    void aUrlReadBackFromItsValueIsTheSameUrl(String text) {
        MailRepositoryUrl url = MailRepositoryUrl.of(text);

        assertThat(new MailRepositoryUrl(url.value())).isEqualTo(url);
        assertThat(url.value()).endsWith("/").doesNotEndWith("//");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///", "memory://", "file:// /", "errors"})
    void aUrlWithoutANameIsRefused(String text) {
        assertThatThrownBy(() -> MailRepositoryUrl.of(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a repository URL");
    }
}
