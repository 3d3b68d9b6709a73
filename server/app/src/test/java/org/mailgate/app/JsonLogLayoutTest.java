package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailgate.api.audit.MailAudit;

/**
 * The JSON layout offered (commented out) in the shipped {@code conf/logback.xml} works once switched on:
 * one JSON object per line, the audit line's text and its queue id as a field of its own.
 */
class JsonLogLayoutTest {

    static final Path SHIPPED = Path.of("../../conf/logback.xml");

    /** The shipped file with the JSON appender uncommented and used in place of the console one. */
    static String switchedToJson() throws Exception {
        String xml = Files.readString(SHIPPED);
        assertThat(xml).contains("<!-- JSON-BEGIN").contains("JSON-END -->").contains("<appender-ref ref=\"CONSOLE\"/>");
        return xml.replace("<!-- JSON-BEGIN", "").replace("JSON-END -->", "")
                .replace("<appender-ref ref=\"CONSOLE\"/>", "<appender-ref ref=\"JSON\"/>");
    }

    static LoggerContext configured(String xml) throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(context.getStatusManager().getCopyOfStatusList()).as("problems other than the unused appender")
                .noneMatch(s -> s.getLevel() >= Status.WARN && !s.getMessage().contains("not referenced"));
        return context;
    }

    @Test
    void theShippedFileConfiguresWithoutWarnings() throws Exception {
        LoggerContext context = configured(Files.readString(SHIPPED));
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")).isNotNull();
        assertThat(context.getLogger(MailAudit.LOGGER_NAME).getEffectiveLevel()).isEqualTo(Level.INFO);
        context.stop();
    }

    @Test
    void theJsonLayoutWritesOneObjectPerLineWithTheQueueIdAsAField() throws Exception {
        LoggerContext context = configured(switchedToJson());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> json = (OutputStreamAppender<ILoggingEvent>) root.getAppender("JSON");
        assertThat(root.getAppender("CONSOLE")).as("JSON replaces the console pattern").isNull();
        Logger audit = context.getLogger(MailAudit.LOGGER_NAME);
        LoggingEvent event = new LoggingEvent(Logger.FQCN, audit, Level.INFO,
                MailAudit.line("000000002A", "to=<{}>, status=sent (\"250 ok\")", "bob@remote.example"), null, null);
        event.setMDCPropertyMap(Map.of(MailAudit.MDC_KEY, "000000002A"));

        String line = new String(json.getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n").doesNotContain("\r");
        assertThat(line.strip()).startsWith("{").endsWith("}").doesNotContain("\n");
        assertThat(line).contains("\"loggerName\":\"mailgate.audit\"")
                .contains("\"level\":\"INFO\"")
                .contains("\"queueId\":\"000000002A\"")
                .contains("\"formattedMessage\":\"000000002A: to=<bob@remote.example>, status=sent (\\\"250 ok\\\")\"");
        context.stop();
    }
}
