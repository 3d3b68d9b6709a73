package org.mailgate.container;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.Matcher;
import org.apache.mailet.MatcherConfig;
import org.junit.jupiter.api.Test;
import org.mailgate.container.config.FailurePolicy;
import org.mailgate.container.engine.Pipeline;
import org.mailgate.container.engine.Processor;
import org.mailgate.container.engine.Step;

/**
 * A property of the container, checked on thousands of random pipelines: whatever the matchers select
 * (all, none, null, any subset, addresses that are not recipients) and whatever the mailets do (end the
 * mail, remove recipients, move the mail on, fail), every original recipient ends in exactly one
 * terminal outcome, and no other address ever does.
 */
class RecipientOutcomePropertyTest {

    static final List<String> ORDER = List.of("root", "p1", "p2", "error");
    static final int RECIPIENTS = 8;

    /** Where each recipient ended: "end p1#2", "removed root#0"... */
    final Map<String, List<String>> outcomes = new HashMap<>();

    @Test
    void everyRecipientEndsInExactlyOneTerminalOutcome() throws Exception {
        for (long seed = 1; seed <= 1000; seed++) {
            outcomes.clear();
            Random random = new Random(seed);
            Pipeline pipeline = randomPipeline(random);
            List<String> recipients = IntStream.range(0, RECIPIENTS).filter(i -> random.nextInt(3) > 0)
                    .mapToObj(i -> "r" + i + "@x.example").toList();
            if (recipients.isEmpty()) {
                continue;
            }
            pipeline.service(TestMails.mail(recipients.toArray(String[]::new)));

            long s = seed;
            assertThat(outcomes.keySet()).as("seed %d: who ended somewhere", s).containsExactlyInAnyOrderElementsOf(recipients);
            outcomes.forEach((recipient, ends) ->
                    assertThat(ends).as("seed %d: outcomes of %s", s, recipient).hasSize(1));
        }
    }

    Pipeline randomPipeline(Random random) {
        Map<String, Processor> processors = new LinkedHashMap<>();
        for (int p = 0; p < ORDER.size(); p++) {
            String name = ORDER.get(p);
            List<Step> steps = new ArrayList<>();
            int count = random.nextInt(6);
            for (int i = 0; i < count; i++) {
                String id = name + "#" + i;
                // a failure inside 'error' goes back to the spooler with the whole mail: tested elsewhere
                steps.add(new Step(randomMatcher(random, !name.equals(Mail.ERROR)), randomMailet(random, p, id), randomMatchPolicy(random),
                        new FailurePolicy.ToError(), id));
            }
            steps.add(new Step(all(), end(name + "#last"), new FailurePolicy.ToError(), new FailurePolicy.ToError(),
                    name + "#last"));
            processors.put(name, new Processor(name, steps));
        }
        return new Pipeline(processors);
    }

    static FailurePolicy randomMatchPolicy(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> new FailurePolicy.NoMatch();
            case 1 -> new FailurePolicy.MatchAll();
            default -> new FailurePolicy.ToError();
        };
    }

    Matcher randomMatcher(Random random, boolean mayFail) {
        boolean[] picks = new boolean[RECIPIENTS];
        for (int i = 0; i < RECIPIENTS; i++) {
            picks[i] = random.nextBoolean();
        }
        int kinds = 6;
        int choice = random.nextInt(kinds);
        if (!mayFail && choice == 4) {
            choice = 3;
        }
        return switch (choice) {
            case 0 -> all();
            case 1 -> matcher(mail -> List.of());
            case 2 -> matcher(mail -> null);
            case 3 -> matcher(mail -> picked(mail, picks));
            case 4 -> matcher(mail -> {
                throw new MessagingException("matcher failure");
            });
            default -> matcher(mail -> {
                List<MailAddress> result = new ArrayList<>(picked(mail, picks));
                result.add(TestMails.address("stranger@y.example"));
                return result;
            });
        };
    }

    static List<MailAddress> picked(Mail mail, boolean[] picks) {
        return mail.getRecipients().stream()
                .filter(r -> picks[Integer.parseInt(r.getLocalPart().substring(1))]).toList();
    }

    /** A mailet of processor number {@code p}; moves go only forward (or to error), so nothing loops. */
    Mailet randomMailet(Random random, int p, String id) {
        boolean inError = ORDER.get(p).equals(Mail.ERROR);
        int choice = random.nextInt(inError ? 3 : 5);
        boolean[] picks = new boolean[RECIPIENTS];
        for (int i = 0; i < RECIPIENTS; i++) {
            picks[i] = random.nextBoolean();
        }
        return switch (choice) {
            case 0 -> end(id);
            case 1 -> mailet(mail -> { });
            case 2 -> mailet(mail -> {
                List<MailAddress> removed = picked(mail, picks);
                removed.forEach(r -> record(r, "removed " + id));
                List<MailAddress> rest = new ArrayList<>(mail.getRecipients());
                rest.removeAll(removed);
                mail.setRecipients(rest);
            });
            case 3 -> {
                String target = ORDER.get(p + 1 + random.nextInt(ORDER.size() - p - 1));
                yield mailet(mail -> mail.setState(target));
            }
            default -> mailet(mail -> {
                throw new MessagingException("mailet failure");
            });
        };
    }

    Mailet end(String id) {
        return mailet(mail -> {
            mail.getRecipients().forEach(r -> record(r, "end " + id));
            mail.setState(Mail.GHOST);
        });
    }

    void record(MailAddress recipient, String outcome) {
        outcomes.computeIfAbsent(recipient.asString(), r -> new ArrayList<>()).add(outcome);
    }

    interface Action {
        void run(Mail mail) throws MessagingException;
    }

    interface Selection {
        Collection<MailAddress> select(Mail mail) throws MessagingException;
    }

    static Mailet mailet(Action action) {
        return action::run;
    }

    static Matcher all() {
        return matcher(Mail::getRecipients);
    }

    static Matcher matcher(Selection selection) {
        return new Matcher() {
            @Override
            public void init(MatcherConfig config) {
            }

            @Override
            public Collection<MailAddress> match(Mail mail) throws MessagingException {
                return selection.select(mail);
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
                return "property matcher";
            }
        };
    }
}
