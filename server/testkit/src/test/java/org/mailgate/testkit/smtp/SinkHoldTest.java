package org.mailgate.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink as a slow server: the answer to the end of DATA of messages to one domain waits for the test. */
class SinkHoldTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RecordingSmtpSink sink;

    @BeforeEach
    void startSink() {
        sink = RecordingSmtpSink.start();
    }

    @AfterEach
    void stopSink() {
        sink.close();
    }

    private SmtpDialogue greeted() {
        SmtpDialogue smtp = SmtpDialogue.connect(sink.address());
        smtp.expect(220);
        smtp.ehlo("client.test");
        return smtp;
    }

    /** Sends one message on its own connection and thread; completes with the reply to the end of DATA. */
    private CompletableFuture<Integer> sendInBackground(String to) {
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (SmtpDialogue smtp = greeted()) {
                reply.complete(smtp.sendMail("a@example.com", List.of(to), "Subject: x\r\n\r\nbody\r\n").code());
            } catch (RuntimeException | Error e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    @Test
    void messagesToTheHeldDomainWaitForReleaseWhileOthersAreAnswered() throws Exception {
        sink.holdMessagesTo("Slow.Example");
        CompletableFuture<Integer> first = sendInBackground("bob@slow.example");
        CompletableFuture<Integer> second = sendInBackground("CAROL@SLOW.EXAMPLE");
        sink.awaitHeld(2, WAIT);

        try (SmtpDialogue smtp = greeted()) {
            assertThat(smtp.sendMail("a@example.com", List.of("dave@fast.example"), "Subject: y\r\n\r\nb\r\n").code())
                    .isEqualTo(250);
        }
        assertThat(sink.messages()).extracting(m -> m.rcptTo().get(0)).containsExactly("dave@fast.example");
        assertThat(first).isNotDone();
        assertThat(sink.heldCount()).isEqualTo(2);

        sink.releaseHeldMessages();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(250);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(250);
        assertThat(sink.awaitMessages(3, WAIT)).hasSize(3);
        assertThat(sink.heldCount()).isZero();
        assertThat(sink.mostHeldAtOnce()).isEqualTo(2);
    }

    @Test
    void aHeldMessageIsDroppedUnrecordedWhenTheSinkStops() throws Exception {
        sink.holdMessagesTo("slow.example");
        CompletableFuture<Integer> held = sendInBackground("bob@slow.example");
        sink.awaitHeld(1, WAIT);

        sink.stop();

        assertThatThrownBy(() -> held.get(10, TimeUnit.SECONDS)).hasMessageContaining("connection closed by server");
        assertThat(sink.messageCount()).isZero();
        assertThat(sink.heldCount()).isZero();
    }

    @Test
    void awaitingHeldMessagesThatNeverComeFailsSayingHowManyAre() {
        assertThatThrownBy(() -> sink.awaitHeld(1, Duration.ofMillis(50))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("0 are held");
    }
}
