package org.mailgate.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.api.mail.QueueId;
import org.mailgate.container.config.FailurePolicy;
import org.mailgate.container.engine.Pipeline;
import org.mailgate.container.engine.Processor;
import org.mailgate.container.engine.Step;
import org.mailgate.testkit.LogCapture;

/** The audit lines the pipeline writes: processors entered, splits, what mailets changed, how a mail ended. */
class PipelineAuditTest {

    final LogCapture audit = LogCapture.of(MailAudit.LOGGER_NAME);
    final QueueId id = new QueueId(42);

    @AfterEach
    void release() {
        audit.close();
    }

    static Mailet mailet(Consumer<Mail> action) {
        return new Mailet() {
            @Override
            public void service(Mail mail) {
                action.accept(mail);
            }
        };
    }

    static Step step(Function<Mail, Collection<MailAddress>> matcher, Mailet mailet, String name) {
        return new Step(PipelineTest.matcher(matcher), mailet, new FailurePolicy.ToError(),
                new FailurePolicy.ToError(), name);
    }

    @Test
    void aSplitAMovedCopyAndChangedRecipientsAreEachOneLineUnderTheQueueId() {
        Mail mail = TestMails.mail("a@x.example", "b@x.example");
        mail.setName(id.toString());
        Pipeline pipeline = new Pipeline(Map.of(
                "root", new Processor("root", List.of(
                        step(m -> m.getRecipients().stream().filter(r -> r.asString().startsWith("a")).toList(),
                                mailet(m -> m.setState("local")), "ToProcessor (t.xml:1)"),
                        step(Mail::getRecipients, mailet(m -> m.setRecipients(List.of(TestMails.address("c@x.example")))),
                                "Rewrite (t.xml:2)"),
                        step(Mail::getRecipients, mailet(m -> m.setState(Mail.GHOST)), "Null (t.xml:3)"))),
                "local", new Processor("local", List.of()),
                "error", new Processor("error", List.of())));

        pipeline.service(mail, id);

        assertThat(audit.grep("")).containsExactly(
                "000000002A: processor=root, to=[<a@x.example>, <b@x.example>]",
                "000000002A: split: copy 000000002A-1 takes to=[<a@x.example>] at ToProcessor (t.xml:1); "
                        + "to=[<b@x.example>] go on",
                "000000002A-1: ToProcessor (t.xml:1) set state=local",
                "000000002A-1: processor=local, to=[<a@x.example>]",
                "000000002A-1: done in the pipeline: dropped: fell off the end of processor local",
                "000000002A: Rewrite (t.xml:2) changed the recipients: to=[<c@x.example>] (was [<b@x.example>])",
                "000000002A: Null (t.xml:3) set state=ghost",
                "000000002A: done in the pipeline: ghost");
    }
}
