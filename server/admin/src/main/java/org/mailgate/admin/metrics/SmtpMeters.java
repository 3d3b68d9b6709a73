package org.mailgate.admin.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;
import org.mailgate.api.metrics.MailMetrics.SmtpStage;
import org.mailgate.api.metrics.SmtpServerMeters;

/**
 * What the SMTP servers count: accepted messages, replies by code, refusals of MAIL, RCPT and DATA, and
 * per server the connections opened, open and refused at connect. Reply codes are a small set: the usual
 * ones are made up front, any other (of the 400 possible) the first time it is sent.
 */
final class SmtpMeters {

    /** The codes Mailgate sends, made up front so that their series exist (at 0) from the start. */
    private static final int[] USUAL_CODES = {220, 221, 235, 250, 252, 334, 354, 421, 451, 452, 454, 500, 501, 502,
            503, 504, 530, 535, 538, 550, 552, 554, 555};

    private final MeterRegistry registry;
    private final Counter accepted;
    /** Replies by code; an unused slot is made on first use (the registry gives all racers the same counter). */
    private final Counter[] replies = new Counter[600];
    private final Counter[] refusals = new Counter[SmtpStage.values().length];

    SmtpMeters(MeterRegistry registry) {
        this.registry = registry;
        accepted = Counter.builder("mailgate.smtp.messages.accepted")
                .description("messages accepted over SMTP (250 after DATA)").register(registry);
        for (int code : USUAL_CODES) {
            replies[code] = reply(code);
        }
        for (SmtpStage stage : SmtpStage.values()) {
            if (stage != SmtpStage.OTHER) {
                refusals[stage.ordinal()] = Counter.builder("mailgate.smtp.refusals").tag("stage", Labels.of(stage))
                        .description("4xx and 5xx replies to MAIL, RCPT and DATA (the last: to the command or to "
                                + "the message)").register(registry);
            }
        }
    }

    private Counter reply(int code) {
        return Counter.builder("mailgate.smtp.replies").tag("class", code / 100 + "xx")
                .tag("code", String.valueOf(code)).description("SMTP replies sent, by code").register(registry);
    }

    void accepted() {
        accepted.increment();
    }

    void reply(SmtpStage stage, int code) {
        if (code < 200 || code >= replies.length) {
            return;
        }
        Counter counter = replies[code];
        if (counter == null) {
            counter = reply(code);
            replies[code] = counter;
        }
        counter.increment();
        if (code >= 400 && stage != SmtpStage.OTHER) {
            refusals[stage.ordinal()].increment();
        }
    }

    SmtpServerMeters server(String name, IntSupplier openConnections) {
        Gauge.builder("mailgate.smtp.connections.open", openConnections, IntSupplier::getAsInt).tag("server", name)
                .strongReference(true).description("connections of the SMTP server open now").register(registry);
        Counter opened = Counter.builder("mailgate.smtp.connections.opened").tag("server", name)
                .description("connections the SMTP server accepted (refused ones too)").register(registry);
        Counter[] refused = new Counter[SmtpServerMeters.Refusal.values().length];
        for (SmtpServerMeters.Refusal reason : SmtpServerMeters.Refusal.values()) {
            refused[reason.ordinal()] = Counter.builder("mailgate.smtp.connections.refused").tag("server", name)
                    .tag("reason", Labels.of(reason))
                    .description("connections closed at connect, without a session").register(registry);
        }
        return new SmtpServerMeters() {
            @Override
            public void opened() {
                opened.increment();
            }

            @Override
            public void refused(Refusal reason) {
                refused[reason.ordinal()].increment();
            }
        };
    }
}
