package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.LoopPrevention;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.HeaderSection;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.repository.MailRepository;
import org.mailgate.api.repository.MailRepositoryReprocessor;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.api.repository.StoredMailSummary;

/**
 * What every mail repository store and its reprocessor must do: keep mails whole and byte-exact,
 * list them oldest first, remove them, and move them back into the spool without losing, duplicating
 * or copying them. An implementation's test supplies the store, a view of the spool's work queue and
 * of the stored message bodies.
 */
interface MailRepositoryContract {

    MailRepositoryUrl ERRORS = MailRepositoryUrl.of("file://var/mail/error/");
    MailRepositoryUrl QUARANTINE = MailRepositoryUrl.of("file://var/mail/quarantine/");
    AttributeName HELO = AttributeName.of("org.apache.james.smtp.helo");
    AttributeName TRIES = AttributeName.of("org.mailgate.test.tries");

    MailRepositoryStore repositories();

    MailRepositoryReprocessor reprocessor();

    /**
     * The mails the spool's work queue handed to its consumers since the last call, in that order, as
     * loaded from the spool (they stay there). Between two calls the queue learns of new mail only by
     * being told; the first call after the store opens also gets what the opening scan finds.
     */
    List<Mail> announcedToSpool() throws Exception;

    /** Closes the store and opens it again on the same files. */
    void reopen() throws Exception;

    /** The message bodies stored now, and how their reference counts compare with the rows holding them. */
    BodyCensus bodies();

    /** How many times the store has been synced to stable storage so far. */
    long syncs();

    /** The store's clock. */
    Instant now();

    void advanceClock(Duration duration);

    /**
     * Stored message bodies.
     *
     * @param ids        the ids of the stored bodies
     * @param mismatched bodies whose reference count differs from the number of rows holding them
     * @param dangling   rows holding a body that is not stored
     */
    record BodyCensus(Set<Long> ids, long mismatched, long dangling) {

        boolean consistent() {
            return mismatched == 0 && dangling == 0;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // store and read

    @Test
    default void aStoredMailIsReadBackWhole() throws Exception {
        String message = message("failed", "line one\r\n.line with dot\r\n");
        Mail mail = mail("m1", "error", "alice@example.org", List.of("bob@example.com", "carol@example.com"), message);
        mail.setErrorMessage("550 5.1.1 no such user");
        mail.setAttribute(new Attribute(TRIES, AttributeValue.of(3)));

        String key = errors().store(mail);

        Mail read = errors().retrieve(key).orElseThrow();
        assertThat(read.getName()).isEqualTo("m1");
        assertThat(read.getState()).isEqualTo("error");
        assertThat(read.getMaybeSender().asString()).isEqualTo("alice@example.org");
        assertThat(read.getRecipients()).extracting(MailAddress::asString)
                .containsExactly("bob@example.com", "carol@example.com");
        assertThat(read.getErrorMessage()).isEqualTo("550 5.1.1 no such user");
        assertThat(read.getRemoteAddr()).isEqualTo("192.0.2.7");
        assertThat(read.getRemoteHost()).isEqualTo("client.example.org");
        assertThat(value(read, HELO)).contains("client");
        assertThat(value(read, TRIES)).contains(3);
        assertThat(bytes(read)).isEqualTo(message.getBytes(StandardCharsets.UTF_8));
        assertThat(read.getMessageSize()).isEqualTo(message.length());
    }

    @Test
    default void aLargeBinaryMessageIsReadBackByteExact() throws Exception {
        byte[] message = largeBinaryMessage();
        errors().store(mail("big", "error", "alice@example.org", List.of("bob@example.com"), message));

        Mail read = errors().retrieve("big").orElseThrow();
        assertThat(bytes(read)).isEqualTo(message);
        assertThat(read.getMessageSize()).isEqualTo(message.length);
    }

    @Test
    default void theNullSenderStaysTheNullSender() throws Exception {
        errors().store(mail("bounce", "error", "", List.of("bob@example.com"), message("s", "b\r\n")));

        assertThat(errors().retrieve("bounce").orElseThrow().getMaybeSender().isNullSender()).isTrue();
        assertThat(errors().list(0, 10)).singleElement()
                .satisfies(s -> assertThat(s.sender()).isEqualTo(MaybeSender.nullSender()));
    }

    @Test
    default void anUnknownKeyReadsAsNothing() throws Exception {
        errors().store(mail("m1", "error", "a@b.example", List.of("c@d.example"), message("s", "b\r\n")));

        assertThat(errors().retrieve("m2")).isEmpty();
        assertThat(repositories().select(QUARANTINE).retrieve("m1")).isEmpty();
    }

    @Test
    default void storingUnderTheSameNameReplacesTheMail() throws Exception {
        errors().store(mail("m1", "error", "a@b.example", List.of("c@d.example"), message("first", "one\r\n")));
        String second = message("second", "two\r\n");
        errors().store(mail("m1", "spam", "a@b.example", List.of("c@d.example"), second));

        assertThat(errors().size()).isOne();
        Mail read = errors().retrieve("m1").orElseThrow();
        assertThat(read.getState()).isEqualTo("spam");
        assertThat(bytes(read)).isEqualTo(second.getBytes(StandardCharsets.UTF_8));
        assertThat(bodies().ids()).hasSize(1);
        assertThat(bodies().consistent()).isTrue();
    }

    @Test
    default void aReadMailStoredElsewhereSharesItsBody() throws Exception {
        String message = message("s", "b\r\n");
        errors().store(mail("m1", "error", "a@b.example", List.of("c@d.example"), message));

        repositories().select(QUARANTINE).store(errors().retrieve("m1").orElseThrow());

        assertThat(bodies().ids()).hasSize(1);
        assertThat(bodies().consistent()).isTrue();
        assertThat(bytes(repositories().select(QUARANTINE).retrieve("m1").orElseThrow()))
                .isEqualTo(message.getBytes(StandardCharsets.UTF_8));
        errors().remove("m1");
        assertThat(bytes(repositories().select(QUARANTINE).retrieve("m1").orElseThrow()))
                .as("still readable after the other holder let go")
                .isEqualTo(message.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------------------------------------
    // list

    @Test
    default void keysAreListedOldestFirstInPages() throws Exception {
        for (String name : List.of("e", "d", "c", "b", "a")) {
            errors().store(mail(name, "error", "a@b.example", List.of("c@d.example"), message(name, "b\r\n")));
        }

        assertThat(errors().size()).isEqualTo(5);
        assertThat(errors().keys(0, 2)).containsExactly("e", "d");
        assertThat(errors().keys(2, 2)).containsExactly("c", "b");
        assertThat(errors().keys(4, 2)).containsExactly("a");
        assertThat(errors().keys(5, 2)).isEmpty();
        assertThat(errors().keys(0, 100)).containsExactly("e", "d", "c", "b", "a");
    }

    @Test
    default void theListingSummarisesEachMailOldestFirstInPages() throws Exception {
        Instant first = now();
        String message = message("first", "body\r\n");
        Mail failed = mail("z-first", "error", "alice@example.org", List.of("bob@example.com", "carol@example.com"),
                message);
        failed.setErrorMessage("mailet failed");
        errors().store(failed);
        advanceClock(Duration.ofMinutes(5));
        errors().store(mail("a-second", "spam", "", List.of("dave@example.com"), message("second", "x\r\n")));
        advanceClock(Duration.ofMinutes(5));
        errors().store(mail("m-third", "error", "a@b.example", List.of("c@d.example"), message("third", "y\r\n")));

        List<StoredMailSummary> page = errors().list(0, 2);

        assertThat(page).extracting(StoredMailSummary::key).containsExactly("z-first", "a-second");
        StoredMailSummary summary = page.get(0);
        assertThat(summary.name()).isEqualTo("z-first");
        assertThat(summary.sender().asString()).isEqualTo("alice@example.org");
        assertThat(summary.recipients()).extracting(MailAddress::asString)
                .containsExactly("bob@example.com", "carol@example.com");
        assertThat(summary.state()).isEqualTo("error");
        assertThat(summary.errorMessage()).contains("mailet failed");
        assertThat(summary.size()).isEqualTo(message.length());
        assertThat(summary.storedAt()).isEqualTo(first);
        assertThat(page.get(1).state()).isEqualTo("spam");
        assertThat(page.get(1).errorMessage()).isEmpty();
        assertThat(page.get(1).storedAt()).isEqualTo(first.plus(Duration.ofMinutes(5)));
        assertThat(errors().list(2, 2)).extracting(StoredMailSummary::key).containsExactly("m-third");
        assertThat(errors().list(3, 2)).isEmpty();
    }

    @Test
    default void theListingGivesTheSizeOfALargeMessage() throws Exception {
        byte[] message = largeBinaryMessage();
        errors().store(mail("big", "error", "a@b.example", List.of("c@d.example"), message));

        assertThat(errors().list(0, 1)).singleElement().extracting(StoredMailSummary::size).isEqualTo((long) message.length);
    }

    @Test
    default void aNegativePageIsRefused() {
        assertThatThrownBy(() -> errors().keys(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> errors().list(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void repositoriesAreSeparateAndListedByUrl() throws Exception {
        errors().store(mail("m1", "error", "a@b.example", List.of("c@d.example"), message("s", "b\r\n")));
        repositories().select(QUARANTINE).store(mail("m1", "spam", "a@b.example", List.of("c@d.example"),
                message("s", "b\r\n")));

        assertThat(repositories().urls()).containsExactly(ERRORS, QUARANTINE);
        assertThat(errors().list(0, 10)).singleElement().extracting(StoredMailSummary::state).isEqualTo("error");
        assertThat(repositories().select(QUARANTINE).list(0, 10)).singleElement()
                .extracting(StoredMailSummary::state).isEqualTo("spam");
    }

    // ---------------------------------------------------------------------------------------------
    // remove

    @Test
    default void removeTakesOneMailAndDropsItsBody() throws Exception {
        errors().store(mail("m1", "error", "a@b.example", List.of("c@d.example"), message("one", "1\r\n")));
        errors().store(mail("m2", "error", "a@b.example", List.of("c@d.example"), message("two", "2\r\n")));

        assertThat(errors().remove("m1")).isTrue();
        assertThat(errors().remove("m1")).as("already gone").isFalse();

        assertThat(errors().keys(0, 10)).containsExactly("m2");
        assertThat(errors().retrieve("m1")).isEmpty();
        assertThat(bodies().ids()).hasSize(1);
        assertThat(bodies().consistent()).isTrue();
    }

    @Test
    default void removeAllEmptiesThatRepositoryOnly() throws Exception {
        for (int i = 0; i < 130; i++) {
            errors().store(mail("m" + i, "error", "a@b.example", List.of("c@d.example"), message("s" + i, "b\r\n")));
        }
        repositories().select(QUARANTINE).store(mail("q", "spam", "a@b.example", List.of("c@d.example"),
                message("q", "b\r\n")));

        assertThat(errors().removeAll()).as("more than one transaction's worth").isEqualTo(130);

        assertThat(errors().size()).isZero();
        assertThat(errors().keys(0, 10)).isEmpty();
        assertThat(repositories().urls()).containsExactly(QUARANTINE);
        assertThat(repositories().select(QUARANTINE).keys(0, 10)).containsExactly("q");
        assertThat(bodies().ids()).hasSize(1);
        assertThat(bodies().consistent()).isTrue();
        assertThat(errors().removeAll()).isZero();
    }

    // ---------------------------------------------------------------------------------------------
    // reprocess

    @Test
    default void reprocessingPutsTheMailBackInTheStateItWasStoredIn() throws Exception {
        byte[] message = largeBinaryMessage();
        Mail mail = mail("m1", "spam", "alice@example.org", List.of("bob@example.com"), message);
        mail.setErrorMessage("mailet failed");
        errors().store(mail);
        errors().store(mail("m2", "error", "a@b.example", List.of("c@d.example"), message("stays", "b\r\n")));
        announcedToSpool();
        Set<Long> bodiesBefore = bodies().ids();

        assertThat(reprocessor().reprocess(ERRORS, "m1", Optional.empty())).isTrue();

        Mail spooled = onlyAnnounced();
        assertThat(spooled.getName()).isEqualTo("m1");
        assertThat(spooled.getState()).isEqualTo("spam");
        assertThat(spooled.getMaybeSender().asString()).isEqualTo("alice@example.org");
        assertThat(spooled.getRecipients()).extracting(MailAddress::asString).containsExactly("bob@example.com");
        assertThat(spooled.getErrorMessage()).isEqualTo("mailet failed");
        assertThat(value(spooled, HELO)).contains("client");
        assertThat(value(spooled, MailRepositoryReprocessor.REPROCESSING)).contains(ERRORS.value());
        assertThat(bytes(spooled)).isEqualTo(message);
        assertThat(errors().keys(0, 10)).containsExactly("m2");
        assertThat(bodies().ids()).as("the body moved, it was not copied").isEqualTo(bodiesBefore);
        assertThat(bodies().consistent()).isTrue();
    }

    @Test
    default void reprocessingToANamedProcessor() throws Exception {
        errors().store(mail("m1", "error", "a@b.example", List.of("c@d.example"), message("s", "b\r\n")));
        announcedToSpool();

        assertThat(reprocessor().reprocess(ERRORS, "m1", Optional.of("transport"))).isTrue();

        assertThat(onlyAnnounced().getState()).isEqualTo("transport");
        assertThat(errors().size()).isZero();
    }

    @Test
    default void reprocessingReplacesAnEarlierTagAndForgetsRecordedRecipients() throws Exception {
        Mail mail = mail("m1", "error", "a@b.example", List.of("c@d.example"), message("s", "b\r\n"));
        mail.setAttribute(new Attribute(MailRepositoryReprocessor.REPROCESSING, AttributeValue.of(QUARANTINE.value())));
        new LoopPrevention.RecordedRecipients(new MailAddress("c@d.example")).recordOn(mail);
        errors().store(mail);
        assertThat(errors().retrieve("m1").orElseThrow().getAttribute(LoopPrevention.RECORDED_RECIPIENTS_ATTRIBUTE_NAME))
                .as("kept while stored").isPresent();
        announcedToSpool();

        reprocessor().reprocess(ERRORS, "m1", Optional.empty());

        Mail spooled = onlyAnnounced();
        assertThat(value(spooled, MailRepositoryReprocessor.REPROCESSING)).contains(ERRORS.value());
        assertThat(spooled.getAttribute(LoopPrevention.RECORDED_RECIPIENTS_ATTRIBUTE_NAME)).isEmpty();
    }

    @Test
    default void reprocessingAnUnknownKeyChangesNothing() throws Exception {
        errors().store(mail("m1", "error", "a@b.example", List.of("c@d.example"), message("s", "b\r\n")));
        announcedToSpool();
        BodyCensus before = bodies();

        assertThat(reprocessor().reprocess(ERRORS, "m2", Optional.empty())).isFalse();
        assertThat(reprocessor().reprocess(QUARANTINE, "m1", Optional.empty())).isFalse();

        assertThat(announcedToSpool()).isEmpty();
        assertThat(errors().keys(0, 10)).containsExactly("m1");
        assertThat(bodies()).isEqualTo(before);
    }

    @Test
    default void aBlankProcessorIsRefusedAndNothingMoves() throws Exception {
        errors().store(mail("m1", "error", "a@b.example", List.of("c@d.example"), message("s", "b\r\n")));
        announcedToSpool();

        assertThatThrownBy(() -> reprocessor().reprocess(ERRORS, "m1", Optional.of(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("processor");
        assertThatThrownBy(() -> reprocessor().reprocessAll(ERRORS, Optional.of("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("processor");

        assertThat(errors().size()).isOne();
        assertThat(announcedToSpool()).isEmpty();
    }

    @Test
    default void reprocessingAllMovesEveryMailOldestFirst() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            String name = String.format("m%03d", 129 - i);
            names.add(name);
            errors().store(mail(name, i % 2 == 0 ? "error" : "spam", "a@b.example", List.of("c@d.example"),
                    message(name, "b\r\n")));
        }
        repositories().select(QUARANTINE).store(mail("q", "spam", "a@b.example", List.of("c@d.example"),
                message("q", "b\r\n")));
        announcedToSpool();
        Set<Long> bodiesBefore = bodies().ids();

        assertThat(reprocessor().reprocessAll(ERRORS, Optional.empty())).as("more than one transaction's worth")
                .isEqualTo(130);

        List<Mail> spooled = announcedToSpool();
        assertThat(spooled).extracting(Mail::getName).containsExactlyElementsOf(names);
        assertThat(spooled).extracting(Mail::getState).startsWith("error", "spam", "error");
        assertThat(spooled).allSatisfy(m -> assertThat(value(m, MailRepositoryReprocessor.REPROCESSING)).contains(ERRORS.value()));
        assertThat(errors().size()).isZero();
        assertThat(repositories().select(QUARANTINE).size()).isOne();
        assertThat(bodies().ids()).isEqualTo(bodiesBefore);
        assertThat(bodies().consistent()).isTrue();
    }

    @Test
    default void reprocessingAllToANamedProcessor() throws Exception {
        errors().store(mail("m1", "error", "a@b.example", List.of("c@d.example"), message("1", "b\r\n")));
        errors().store(mail("m2", "spam", "a@b.example", List.of("c@d.example"), message("2", "b\r\n")));
        announcedToSpool();

        assertThat(reprocessor().reprocessAll(ERRORS, Optional.of("relay"))).isEqualTo(2);

        assertThat(announcedToSpool()).extracting(Mail::getState).containsExactly("relay", "relay");
        assertThat(reprocessor().reprocessAll(ERRORS, Optional.empty())).as("nothing left").isZero();
    }

    @Test
    default void concurrentReprocessingMovesAMailOnce() throws Exception {
        errors().store(mail("m1", "error", "a@b.example", List.of("c@d.example"), message("s", "b\r\n")));
        announcedToSpool();
        int operators = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < operators; i++) {
                Callable<Boolean> call = () -> {
                    start.await();
                    return reprocessor().reprocess(ERRORS, "m1", Optional.empty());
                };
                results.add(executor.submit(call));
            }
            start.countDown();
        }
        long moved = 0;
        for (Future<Boolean> result : results) {
            if (result.get()) {
                moved++;
            }
        }

        assertThat(moved).isOne();
        assertThat(announcedToSpool()).hasSize(1);
        assertThat(bodies().ids()).hasSize(1);
        assertThat(bodies().consistent()).isTrue();
    }

    // ---------------------------------------------------------------------------------------------
    // durability

    @Test
    default void storedMailSurvivesACloseAndReopen() throws Exception {
        byte[] big = largeBinaryMessage();
        String small = message("small", "b\r\n");
        errors().store(mail("big", "error", "alice@example.org", List.of("bob@example.com"), big));
        Mail failed = mail("small", "spam", "a@b.example", List.of("c@d.example"), small);
        failed.setErrorMessage("why");
        errors().store(failed);

        reopen();

        assertThat(errors().keys(0, 10)).containsExactly("big", "small");
        assertThat(bytes(errors().retrieve("big").orElseThrow())).isEqualTo(big);
        Mail read = errors().retrieve("small").orElseThrow();
        assertThat(bytes(read)).isEqualTo(small.getBytes(StandardCharsets.UTF_8));
        assertThat(read.getErrorMessage()).isEqualTo("why");
        assertThat(read.getState()).isEqualTo("spam");
        announcedToSpool();
        assertThat(reprocessor().reprocess(ERRORS, "big", Optional.empty())).isTrue();
        assertThat(bytes(onlyAnnounced())).isEqualTo(big);
        assertThat(bodies().consistent()).isTrue();
    }

    @Test
    default void reprocessedMailIsInTheSpoolAfterAReopen() throws Exception {
        errors().store(mail("m1", "spam", "a@b.example", List.of("c@d.example"), message("s", "b\r\n")));
        reprocessor().reprocess(ERRORS, "m1", Optional.empty());

        reopen();

        assertThat(errors().size()).isZero();
        Mail spooled = onlyAnnounced();
        assertThat(spooled.getName()).isEqualTo("m1");
        assertThat(spooled.getState()).isEqualTo("spam");
        assertThat(spooled.getAttribute(MailRepositoryReprocessor.REPROCESSING)).isPresent();
        assertThat(bodies().ids()).hasSize(1);
        assertThat(bodies().consistent()).isTrue();
    }

    @Test
    default void operatorChangesAreOnDiskBeforeTheyReturn() throws Exception {
        for (String name : List.of("m1", "m2", "m3", "m4")) {
            errors().store(mail(name, "error", "a@b.example", List.of("c@d.example"), message(name, "b\r\n")));
        }
        repositories().select(QUARANTINE).store(mail("q", "spam", "a@b.example", List.of("c@d.example"),
                message("q", "b\r\n")));

        long before = syncs();
        errors().remove("m1");
        assertThat(syncs()).as("remove").isGreaterThan(before);

        before = syncs();
        reprocessor().reprocess(ERRORS, "m2", Optional.empty());
        assertThat(syncs()).as("reprocess").isGreaterThan(before);

        before = syncs();
        reprocessor().reprocessAll(ERRORS, Optional.empty());
        assertThat(syncs()).as("reprocess all").isGreaterThan(before);

        before = syncs();
        repositories().select(QUARANTINE).removeAll();
        assertThat(syncs()).as("remove all").isGreaterThan(before);
    }

    // ---------------------------------------------------------------------------------------------
    // helpers

    private MailRepository errors() {
        return repositories().select(ERRORS);
    }

    private Mail onlyAnnounced() throws Exception {
        List<Mail> announced = announcedToSpool();
        assertThat(announced).hasSize(1);
        return announced.get(0);
    }

    static String message(String subject, String body) {
        return "From: alice@example.org\r\nTo: bob@example.com\r\nSubject: " + subject + "\r\n\r\n" + body;
    }

    /** A message of about 200 KiB whose body holds every byte value, bare CRs and LFs included. */
    static byte[] largeBinaryMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(message("big", "").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 200 * 1024; i++) {
            out.write((i * 31 + i / 256) & 0xff);
        }
        return out.toByteArray();
    }

    static Mail mail(String name, String state, String from, List<String> to, String message) throws Exception {
        return mail(name, state, from, to, message.getBytes(StandardCharsets.UTF_8));
    }

    /** A mail as the SMTP server makes it: envelope, client, HELO attribute, message in stored form. */
    static Mail mail(String name, String state, String from, List<String> to, byte[] message) throws Exception {
        HeaderSection.Split split = HeaderSection.split(new ByteArrayInputStream(message), MessageParts.MAX_HEADER_SECTION);
        byte[] body = split.body().readAllBytes();
        return MailgateMail.builder(name)
                .state(state)
                .sender(StoreFixture.envelope(from, to).sender())
                .recipients(StoreFixture.envelope(from, to).recipients())
                .parts(new MessageParts(split.headers(), new ByteArrayBodySource(body)))
                .attribute(new Attribute(HELO, AttributeValue.of("client")))
                .remoteAddr("192.0.2.7")
                .remoteHost("client.example.org")
                .build();
    }

    /** The value of the attribute {@code name} of {@code mail}, if it has one. */
    static Optional<Object> value(Mail mail, AttributeName name) {
        return mail.getAttribute(name).map(a -> a.getValue().value());
    }

    static byte[] bytes(Mail mail) throws IOException, jakarta.mail.MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toByteArray();
    }
}
