package org.mailgate.api.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

class DsnMessageFieldsTest {

    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void theEnvelopeIdComesFirstDecodedAndEachRecipientNamesItsOriginalRecipient() {
        Mail original = DsnRequestTest.mailWith(DsnRequestTest.sample().toAttributes());
        String fields = DsnMessage.statusFields(original, "gate.test", List.of(
                RecipientStatus.failed(DsnRequestTest.address("bob@example.com"), "5.1.1", "550 5.1.1 unknown"),
                RecipientStatus.failed(DsnRequestTest.address("carol@example.com"), "5.1.1", "550 5.1.1 unknown"),
                RecipientStatus.failed(DsnRequestTest.address("dave@example.com"), "5.1.1", "550 5.1.1 unknown")),
                NOW);

        assertThat(fields).startsWith("Original-Envelope-Id: QQ+314159\r\nReporting-MTA: dns; gate.test\r\n");
        assertThat(fields).contains("\r\n\r\nOriginal-Recipient: rfc822;Bob+tag@Example.COM\r\n"
                + "Final-Recipient: rfc822; bob@example.com\r\n");
        assertThat(fields).contains("\r\n\r\nFinal-Recipient: rfc822; carol@example.com\r\n");
        assertThat(fields).contains("\r\n\r\nOriginal-Recipient: x400;c=US;a=X\r\n"
                + "Final-Recipient: rfc822; dave@example.com\r\n");
    }

    @Test
    void withoutDsnParametersNeitherFieldAppears() {
        String fields = DsnMessage.statusFields(DsnRequestTest.mailWith(List.of()), "gate.test", List.of(
                RecipientStatus.failed(DsnRequestTest.address("bob@example.com"), "5.1.1", "550 5.1.1 unknown")), NOW);
        assertThat(fields).startsWith("Reporting-MTA: dns; gate.test\r\n")
                .doesNotContain("Original-Envelope-Id").doesNotContain("Original-Recipient");
    }
}
