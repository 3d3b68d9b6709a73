package org.mailgate.smtp.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The "with" keyword of the Received header (RFC 3848). */
class ReceivedProtocolTest {

    @Test
    void keywordsForTlsAndAuth() {
        assertThat(ReceivedHeader.protocol(false, false, false)).isEqualTo("SMTP");
        assertThat(ReceivedHeader.protocol(true, false, false)).isEqualTo("ESMTP");
        assertThat(ReceivedHeader.protocol(true, true, false)).isEqualTo("ESMTPS");
        assertThat(ReceivedHeader.protocol(true, false, true)).isEqualTo("ESMTPA");
        assertThat(ReceivedHeader.protocol(true, true, true)).isEqualTo("ESMTPSA");
    }
}
