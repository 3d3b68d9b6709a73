package org.mailgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailgate.testkit.mailet.FakeMail.address;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.metrics.RecordingMailMetrics;

class OutcomeMetricsTest {

    final RecordingMailMetrics metrics = new RecordingMailMetrics();
    final OutcomeMetrics outcomes = new OutcomeMetrics(metrics);

    static Mail report(String name) throws Exception {
        return FakeMail.builder().name(name).recipients("alice@local.example").build();
    }

    @Test
    void recipientsAreCountedByOutcomeAndDomain() {
        outcomes.recorded(new AttemptOutcome(List.of(address("c@b.example")), Optional.of(Instant.EPOCH), "later",
                new AttemptOutcome.Failure(List.of(address("d@b.example"), address("e@c.example")), "no",
                        Optional.empty(), List.of(), Optional.empty()),
                new AttemptOutcome.Success(List.of(address("a@a.example"), address("b@a.example"),
                        address("x@b.example"), address("y@a.example")), Optional.empty()), Optional.empty()));

        assertThat(metrics.count("delivery delivered a.example")).isEqualTo(3);
        assertThat(metrics.count("delivery delivered b.example")).isEqualTo(1);
        assertThat(metrics.count("delivery deferred b.example")).isEqualTo(1);
        assertThat(metrics.count("delivery failed b.example")).isEqualTo(1);
        assertThat(metrics.count("delivery failed c.example")).isEqualTo(1);
        assertThat(metrics.counts()).noneSatisfy((event, count) -> assertThat(event).startsWith("report"));
    }

    @Test
    void eachReportOwedToTheSenderIsCountedByItsAction() throws Exception {
        outcomes.recorded(new AttemptOutcome(List.of(address("c@b.example")), Optional.of(Instant.EPOCH), "later",
                new AttemptOutcome.Failure(List.of(address("d@b.example")), "no", Optional.empty(), List.of(),
                        Optional.of(report("bounce"))),
                new AttemptOutcome.Success(List.of(address("a@a.example")), Optional.empty(),
                        Optional.of(report("relayed"))), Optional.of(report("delayed"))));

        assertThat(metrics.count("report failed delivery")).isEqualTo(1);
        assertThat(metrics.count("report delayed delivery")).isEqualTo(1);
        assertThat(metrics.count("report relayed delivery")).isEqualTo(1);
    }
}
