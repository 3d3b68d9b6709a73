package org.mailgate.delivery.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyStatusTest {

    @Test
    void readsTheReplyCodeAndTheEnhancedStatus() {
        ReplyStatus status = ReplyStatus.of("550 5.1.1 <gone@remote.example>: no such mailbox");
        assertThat(status.code()).contains(550);
        assertThat(status.enhanced()).contains("5.1.1");
        assertThat(status.statusOr("5.4.7")).isEqualTo("5.1.1");
    }

    @Test
    void aReplyWithoutEnhancedStatusGivesItsClass() {
        ReplyStatus status = ReplyStatus.of("554 transaction failed");
        assertThat(status.enhanced()).isEmpty();
        assertThat(status.statusOr("5.4.7")).isEqualTo("5.0.0");
    }

    @Test
    void aLocalReasonIsNoReply() {
        ReplyStatus status = ReplyStatus.of("connect to mx.remote.example[192.0.2.1]:25: Connection refused");
        assertThat(status.isReply()).isFalse();
        assertThat(status.statusOr("5.4.7")).isEqualTo("5.4.7");
    }

    @Test
    void aLocalReasonMayStartWithItsEnhancedStatus() {
        ReplyStatus status = ReplyStatus.of("5.6.7 SMTPUTF8 is required, but was not offered by host mx.remote.example");
        assertThat(status.isReply()).isFalse();
        assertThat(status.code()).isEmpty();
        assertThat(status.statusOr("5.0.0")).isEqualTo("5.6.7");
    }
}
