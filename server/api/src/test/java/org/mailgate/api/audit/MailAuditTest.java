package org.mailgate.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailgate.api.mail.QueueId;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class MailAuditTest {

    /** The audit events {@code action} writes. */
    static List<ILoggingEvent> captured(Runnable action) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        Logger audit = (Logger) LoggerFactory.getLogger(MailAudit.LOGGER_NAME);
        appender.start();
        audit.addAppender(appender);
        try {
            action.run();
        } finally {
            audit.detachAppender(appender);
        }
        return appender.list;
    }

    @Test
    void aLineStartsWithTheLabelAndIsWrittenAtInfoOnTheAuditLogger() {
        List<ILoggingEvent> events = captured(() -> MailAudit.log(new QueueId(42), "processor={}", "root"));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getFormattedMessage()).isEqualTo("000000002A: processor=root");
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getLoggerName()).isEqualTo("mailgate.audit");
        });
    }

    @Test
    void theQueueIdIsInTheMdcWhileTheLineIsWrittenAndOnlyThen() {
        List<ILoggingEvent> events = captured(() -> MailAudit.log("000000002A-1", "split"));

        assertThat(events.get(0).getMDCPropertyMap()).containsEntry("queueId", "000000002A");
        assertThat(MDC.get("queueId")).isNull();
    }

    @Test
    void anEnclosingQueueIdInTheMdcIsKept() {
        MDC.put("queueId", "0000000001");
        List<ILoggingEvent> events;
        try {
            events = captured(() -> MailAudit.log("000000002A", "report"));
            assertThat(MDC.get("queueId")).isEqualTo("0000000001");
        } finally {
            MDC.remove("queueId");
        }
        assertThat(events.get(0).getMDCPropertyMap()).containsEntry("queueId", "000000002A");
    }

    @Test
    void aMailNamedAfterItsQueueIdOrSplitFromItIsLabelledByName() {
        assertThat(MailAudit.label(new QueueId(42), "000000002A")).isEqualTo("000000002A");
        assertThat(MailAudit.label(new QueueId(42), "000000002A-3")).isEqualTo("000000002A-3");
        assertThat(MailAudit.label(new QueueId(42), "bounce-17")).isEqualTo("000000002A (bounce-17)");
        assertThat(MailAudit.label(new QueueId(42), null)).isEqualTo("000000002A");
    }

    @Test
    void theQueueIdOfALabelIsItsLeadingPart() {
        assertThat(MailAudit.queueIdOf("000000002A-3")).isEqualTo("000000002A");
        assertThat(MailAudit.queueIdOf("000000002A (bounce-17)")).isEqualTo("000000002A");
        assertThat(MailAudit.queueIdOf("000000002A")).isEqualTo("000000002A");
    }

    @Test
    void fieldsAreJoinedInOrderAndEmptyOptionalsLeftOut() {
        String fields = new AuditFields().add("client", "[127.0.0.1]").add("tls", Optional.empty())
                .add("auth", Optional.of("alice@example.com")).add("nrcpt", 2).toString();

        assertThat(fields).isEqualTo("client=[127.0.0.1], auth=alice@example.com, nrcpt=2");
    }

    @Test
    void placeholdersAreFilledLikeSlf4jDoes() {
        assertThat(MailAudit.line("000000002A", "to=<{}>, status={}", "bob@example.org", "sent"))
                .isEqualTo("000000002A: to=<bob@example.org>, status=sent");
    }
}
