package org.mailgate.api.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class XTextTest {

    @Test
    void plusEqualsSpaceControlAndNonAsciiAreHexEncodedOthersStandForThemselves() {
        assertThat(XText.encode("bob+tag=x@example.com")).isEqualTo("bob+2Btag+3Dx@example.com");
        assertThat(XText.encode("a b\r\n")).isEqualTo("a+20b+0D+0A");
        assertThat(XText.encode("caf\u00e9")).isEqualTo("caf+C3+A9");
        assertThat(XText.encode("!~")).isEqualTo("!~");
    }

    @Test
    void decodingUndoesEncodingOfAscii() {
        String text = "Alice+Bob=team <x@y> \t~";
        assertThat(XText.decode(XText.encode(text))).isEqualTo(text);
        assertThat(XText.decode("QQ314159")).isEqualTo("QQ314159");
        assertThat(XText.decode("+41")).as("a hexchar may stand for an xchar too").isEqualTo("A");
    }

    @Test
    void badXtextIsRefusedNamingPositionAndProblem() {
        assertThatThrownBy(() -> XText.decode("ab+2")).hasMessage(
                "'+' at position 3 must be followed by two upper-case hexadecimal digits");
        assertThatThrownBy(() -> XText.decode("ab+2b")).hasMessageContaining("upper-case");
        assertThatThrownBy(() -> XText.decode("a=b")).hasMessage(
                "'=' at position 2 is not allowed in xtext; write it as +HH");
        assertThatThrownBy(() -> XText.decode("a\u00e9")).hasMessage(
                "character U+00E9 at position 2 is not allowed in xtext; write it as +HH");
    }

    @Test
    void printableAsciiIsGraphicsSpaceAndTab() {
        assertThat(XText.isPrintableAscii("a b\t~")).isTrue();
        assertThat(XText.isPrintableAscii("a\r\nb")).isFalse();
        assertThat(XText.isPrintableAscii("\u00e9")).isFalse();
    }
}
