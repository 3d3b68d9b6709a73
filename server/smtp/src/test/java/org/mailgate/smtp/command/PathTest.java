package org.mailgate.smtp.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTest {

    @Test
    void parsesAddressAndParameters() throws Exception {
        Path path = Path.parse("FROM:<alice@example.org> SIZE=1000 BODY=8BITMIME", "FROM", "5.1.7");
        assertThat(path.address()).hasValueSatisfying(a -> assertThat(a.asString()).isEqualTo("alice@example.org"));
        assertThat(path.parameters()).isEqualTo(Map.of("SIZE", "1000", "BODY", "8BITMIME"));
    }

    @Test
    void keywordIsCaseInsensitiveAndASpaceAfterTheColonIsTolerated() throws Exception {
        assertThat(Path.parse("from: <a@b.example>", "FROM", "5.1.7").address()).isPresent();
    }

    @Test
    void theNullReversePathHasNoAddress() throws Exception {
        assertThat(Path.parse("FROM:<>", "FROM", "5.1.7").address()).isEmpty();
    }

    @Test
    void sourceRoutesAreIgnored() throws Exception {
        Path path = Path.parse("TO:<@relay.example,@other.example:bob@final.example>", "TO", "5.1.3");
        assertThat(path.address()).hasValueSatisfying(a -> assertThat(a.asString()).isEqualTo("bob@final.example"));
    }

    @Test
    void postmasterWithoutDomainIsAccepted() throws Exception {
        assertThat(Path.parse("TO:<Postmaster>", "TO", "5.1.3").postmaster()).isTrue();
    }

    @Test
    void quotedLocalPartsMayContainAngleBrackets() throws Exception {
        Path path = Path.parse("TO:<\"odd>name\"@example.com>", "TO", "5.1.3");
        assertThat(path.address()).isPresent();
    }

    @Test
    void addressesWithoutBracketsAreRefused() {
        assertThatThrownBy(() -> Path.parse("FROM:alice@example.org", "FROM", "5.1.7"))
                .isInstanceOfSatisfying(Path.PathException.class,
                        e -> assertThat(e.reply().render()).startsWith("501 5.1.7 "));
    }

    @Test
    void addressesWithoutDomainAreRefused() {
        assertThatThrownBy(() -> Path.parse("TO:<bob>", "TO", "5.1.3")).isInstanceOf(Path.PathException.class);
    }

    @Test
    void wrongKeywordIsASyntaxError() {
        assertThatThrownBy(() -> Path.parse("TO:<a@b.example>", "FROM", "5.1.7"))
                .isInstanceOfSatisfying(Path.PathException.class,
                        e -> assertThat(e.reply().render()).startsWith("501 5.5.4 Syntax: MAIL FROM:<address>"));
    }
}
