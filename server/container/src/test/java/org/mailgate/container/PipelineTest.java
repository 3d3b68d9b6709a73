package org.mailgate.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.Matcher;
import org.apache.mailet.MatcherConfig;
import org.junit.jupiter.api.Test;
import org.mailgate.container.config.FailurePolicy;
import org.mailgate.container.engine.Pipeline;
import org.mailgate.container.engine.Processor;
import org.mailgate.container.engine.PropagatedFailure;
import org.mailgate.container.engine.Step;

class PipelineTest {

    /** What each recording mailet saw: mail name and recipients at the time. */
    record Seen(String mailet, String mail, List<String> recipients) {
    }

    final List<Seen> seen = new ArrayList<>();

    Mailet recording(String name, Consumer<Mail> action) {
        return new Mailet() {
            @Override
            public void service(Mail mail) {
                seen.add(new Seen(name, mail.getName(), TestMails.names(mail.getRecipients())));
                action.accept(mail);
            }
        };
    }

    Mailet recording(String name) {
        return recording(name, m -> { });
    }

    static Matcher matcher(Function<Mail, Collection<MailAddress>> function) {
        return new Matcher() {
            @Override
            public void init(MatcherConfig config) {
            }

            @Override
            public Collection<MailAddress> match(Mail mail) {
                return function.apply(mail);
            }

            @Override
            public void destroy() {
            }

            @Override
            public MatcherConfig getMatcherConfig() {
                return null;
            }

            @Override
            public String getMatcherInfo() {
                return "test";
            }
        };
    }

    static Matcher all() {
        return matcher(Mail::getRecipients);
    }

    static Matcher recipientStartingWith(String prefix) {
        return matcher(m -> m.getRecipients().stream().filter(r -> r.asString().startsWith(prefix)).toList());
    }

    static Step step(Matcher matcher, Mailet mailet) {
        return new Step(matcher, mailet, new FailurePolicy.ToError(), new FailurePolicy.ToError(), "test step");
    }

    static Step step(Matcher matcher, Mailet mailet, FailurePolicy onMatch, FailurePolicy onMailet) {
        return new Step(matcher, mailet, onMatch, onMailet, "test step");
    }

    Pipeline pipeline(List<Step> root, List<Step> error) {
        return pipeline(Map.of("root", root, "error", error));
    }

    Pipeline pipeline(Map<String, List<Step>> processors) {
        Map<String, Processor> built = new java.util.HashMap<>();
        processors.forEach((name, steps) -> built.put(name, new Processor(name, steps)));
        return new Pipeline(built);
    }

    @Test
    void noMatchMeansTheMailetIsNotCalled() {
        Pipeline p = pipeline(List.of(step(matcher(m -> List.of()), recording("skipped")),
                step(all(), recording("end", m -> m.setState(Mail.GHOST)))), List.of());
        p.service(TestMails.mail("a@x.example"));
        assertThat(seen).extracting(Seen::mailet).containsExactly("end");
    }

    @Test
    void nullFromAMatcherCountsAsNoMatch() {
        Pipeline p = pipeline(List.of(step(matcher(m -> null), recording("skipped")),
                step(all(), recording("end", m -> m.setState(Mail.GHOST)))), List.of());
        p.service(TestMails.mail("a@x.example"));
        assertThat(seen).extracting(Seen::mailet).containsExactly("end");
    }

    @Test
    void fullMatchRunsTheMailetOnTheSameMailWithoutSplitting() {
        Mail mail = TestMails.mail("a@x.example", "b@x.example");
        List<Mail> instances = new ArrayList<>();
        Pipeline p = pipeline(List.of(step(all(), recording("first", instances::add)),
                step(all(), recording("second", m -> m.setState(Mail.GHOST)))), List.of());
        p.service(mail);
        assertThat(instances).containsExactly(mail);
        assertThat(seen).extracting(Seen::mail).containsOnly("MAIL1");
    }

    @Test
    void partialMatchRunsMailetOnceOnMatchedRecipientsAndOriginalContinuesWithTheRest() {
        Pipeline p = pipeline(List.of(
                step(recipientStartingWith("a"), recording("for-a")),
                step(all(), recording("later")),
                step(all(), recording("end", m -> m.setState(Mail.GHOST)))), List.of());
        p.service(TestMails.mail("a@x.example", "b@x.example"));

        assertThat(seen).filteredOn(s -> s.mailet().equals("for-a"))
                .containsExactly(new Seen("for-a", "MAIL1-1", List.of("a@x.example")));
        assertThat(seen).filteredOn(s -> s.mailet().equals("later"))
                .containsExactlyInAnyOrder(new Seen("later", "MAIL1-1", List.of("a@x.example")),
                        new Seen("later", "MAIL1", List.of("b@x.example")));
    }

    @Test
    void copiesOfASplitAreIsolated() throws Exception {
        List<Mail> reached = new ArrayList<>();
        Pipeline p = pipeline(List.of(
                step(recipientStartingWith("a"), recording("change", m -> {
                    try {
                        m.getMessage().setHeader("X-Changed", "yes");
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })),
                step(all(), recording("end", m -> {
                    reached.add(m);
                    m.setState(Mail.GHOST);
                }))), List.of());
        p.service(TestMails.mail("a@x.example", "b@x.example"));
        assertThat(reached).hasSize(2);
        for (Mail m : reached) {
            boolean changed = m.getMessage().getHeader("X-Changed") != null;
            assertThat(changed).isEqualTo(m.getRecipients().iterator().next().asString().startsWith("a"));
        }
    }

    @Test
    void aStateChangeMovesTheMailAtOnce() {
        Pipeline p = pipeline(Map.of(
                "root", List.of(step(all(), recording("move", m -> m.setState("other"))),
                        step(all(), recording("never"))),
                "other", List.of(step(all(), recording("other", m -> m.setState(Mail.GHOST)))),
                "error", List.of()));
        p.service(TestMails.mail("a@x.example"));
        assertThat(seen).extracting(Seen::mailet).containsExactly("move", "other");
    }

    @Test
    void aMailWithoutRecipientsIsDone() {
        Mail mail = TestMails.mail("a@x.example");
        Pipeline p = pipeline(List.of(step(all(), recording("clear", m -> m.setRecipients(List.of()))),
                step(all(), recording("never"))), List.of());
        p.service(mail);
        assertThat(seen).extracting(Seen::mailet).containsExactly("clear");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void fallingOffTheEndOfAProcessorMakesAGhost() {
        Mail mail = TestMails.mail("a@x.example");
        pipeline(List.of(step(all(), recording("only"))), List.of()).service(mail);
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void aFailingMailetSendsTheMailToErrorWithTheMessageRecorded() {
        Mail mail = TestMails.mail("a@x.example");
        Pipeline p = pipeline(List.of(step(all(), recording("boom", m -> {
            throw new IllegalStateException("kaput");
        }))), List.of(step(all(), recording("error-handler", m -> m.setState(Mail.GHOST)))));
        p.service(mail);
        assertThat(seen).extracting(Seen::mailet).containsExactly("boom", "error-handler");
        assertThat(mail.getErrorMessage()).contains("kaput");
        assertThat(mail.getAttribute(Mail.MAILET_ERROR)).isPresent();
    }

    @Test
    void ignorePolicyGoesOnWithTheNextStep() {
        Pipeline p = pipeline(List.of(
                step(all(), recording("boom", m -> {
                    throw new IllegalStateException("kaput");
                }), new FailurePolicy.ToError(), new FailurePolicy.Ignore()),
                step(all(), recording("next", m -> m.setState(Mail.GHOST)))), List.of());
        p.service(TestMails.mail("a@x.example"));
        assertThat(seen).extracting(Seen::mailet).containsExactly("boom", "next");
    }

    @Test
    void propagatePolicyHandsTheFailureToTheSpooler() {
        Pipeline p = pipeline(List.of(step(all(), recording("boom", m -> {
            throw new IllegalStateException("kaput");
        }), new FailurePolicy.ToError(), new FailurePolicy.Propagate())), List.of());
        assertThatThrownBy(() -> p.service(TestMails.mail("a@x.example")))
                .isInstanceOf(PropagatedFailure.class).hasMessageContaining("kaput");
    }

    @Test
    void aFailureInsideTheErrorProcessorGoesToTheSpoolerNotInACircle() {
        Pipeline p = pipeline(List.of(step(all(), recording("root", m -> m.setState(Mail.ERROR)))),
                List.of(step(all(), recording("boom", m -> {
                    throw new IllegalStateException("broken error handling");
                }))));
        assertThatThrownBy(() -> p.service(TestMails.mail("a@x.example")))
                .isInstanceOf(PropagatedFailure.class).hasMessageContaining("broken error handling");
    }

    @Test
    void matcherFailurePoliciesNoMatchAndMatchAll() {
        Matcher failing = matcher(m -> {
            throw new IllegalStateException("matcher down");
        });
        Pipeline p = pipeline(List.of(
                step(failing, recording("skipped"), new FailurePolicy.NoMatch(), new FailurePolicy.ToError()),
                step(failing, recording("all"), new FailurePolicy.MatchAll(), new FailurePolicy.ToError()),
                step(all(), recording("end", m -> m.setState(Mail.GHOST)))), List.of());
        p.service(TestMails.mail("a@x.example"));
        assertThat(seen).extracting(Seen::mailet).containsExactly("all", "end");
    }

    @Test
    void errorsLikeNoSuchMethodErrorAreHandledLikeExceptions() {
        Mail mail = TestMails.mail("a@x.example");
        Pipeline p = pipeline(List.of(step(all(), recording("linkage", m -> {
            throw new NoSuchMethodError("old API");
        }))), List.of(step(all(), recording("error-handler", m -> m.setState(Mail.GHOST)))));
        p.service(mail);
        assertThat(seen).extracting(Seen::mailet).containsExactly("linkage", "error-handler");
    }

    @Test
    void recipientsAMatcherInventsAreIgnored() {
        Pipeline p = pipeline(List.of(
                step(matcher(m -> List.of(TestMails.address("stranger@y.example"))), recording("never")),
                step(all(), recording("end", m -> m.setState(Mail.GHOST)))), List.of());
        p.service(TestMails.mail("a@x.example"));
        assertThat(seen).extracting(Seen::mailet).containsExactly("end");
    }

    @Test
    void aProcessingLoopIsStopped() {
        Pipeline p = pipeline(Map.of(
                "root", List.of(step(all(), recording("to-b", m -> m.setState("b")))),
                "b", List.of(step(all(), recording("to-root", m -> m.setState("root")))),
                "error", List.of()));
        assertThatThrownBy(() -> p.service(TestMails.mail("a@x.example")))
                .isInstanceOf(PropagatedFailure.class).hasMessageContaining("loops");
    }

    @Test
    void aMatcherIsCalledOncePerMailAndPairEvenWhenItSplits() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Matcher counting = matcher(m -> {
            calls.incrementAndGet();
            return List.of(m.getRecipients().iterator().next());
        });
        Pipeline p = pipeline(List.of(step(counting, recording("first")),
                step(all(), recording("end", m -> m.setState(Mail.GHOST)))), List.of());
        p.service(TestMails.mail("a@x.example", "b@x.example"));
        assertThat(calls).hasValue(1);
        assertThat(seen).extracting(Seen::mailet).containsExactly("first", "end", "end");
    }

    @Test
    void aMailetMayAddRecipientsAndTheLaterPairsSeeThem() {
        Pipeline p = pipeline(List.of(
                step(all(), recording("add", m -> {
                    List<MailAddress> more = new ArrayList<>(m.getRecipients());
                    more.add(TestMails.address("added@x.example"));
                    m.setRecipients(more);
                })),
                step(all(), recording("end", m -> m.setState(Mail.GHOST)))), List.of());
        p.service(TestMails.mail("a@x.example"));
        assertThat(seen).last().extracting(Seen::recipients).asList().containsExactly("a@x.example", "added@x.example");
    }

    @Test
    void failurePoliciesMayNameAProcessorWhichGetsTheMailWithTheErrorRecorded() {
        Mail failedMailet = TestMails.mail("a@x.example");
        Mail failedMatcher = TestMails.mail("b@x.example");
        Pipeline p = pipeline(Map.of(
                "root", List.of(
                        step(all(), recording("boom", m -> {
                            if (m.getRecipients().iterator().next().getLocalPart().equals("a")) {
                                throw new IllegalStateException("kaput");
                            }
                        }), new FailurePolicy.ToError(), new FailurePolicy.ToProcessor("quarantine")),
                        step(matcher(m -> {
                            throw new IllegalStateException("matcher down");
                        }), recording("never"), new FailurePolicy.ToProcessor("quarantine"), new FailurePolicy.ToError())),
                "quarantine", List.of(step(all(), recording("quarantine", m -> m.setState(Mail.GHOST)))),
                "error", List.of()));
        p.service(failedMailet);
        p.service(failedMatcher);
        assertThat(seen).extracting(Seen::mailet).containsExactly("boom", "quarantine", "boom", "quarantine");
        assertThat(failedMailet.getErrorMessage()).contains("kaput");
        assertThat(failedMailet.getAttribute(Mail.MAILET_ERROR)).isPresent();
        assertThat(failedMatcher.getErrorMessage()).contains("matcher down");
    }
}
