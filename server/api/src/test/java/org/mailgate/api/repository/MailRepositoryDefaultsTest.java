package org.mailgate.api.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mail.MessageParts;

/** The listing and removal a repository gets from the interface when it offers nothing better. */
class MailRepositoryDefaultsTest {

    private final MapRepository repository = new MapRepository();

    @Test
    void theDefaultListingSummarisesEachMailFromItsKeys() throws Exception {
        Mail failed = mail("m1", "error", "alice@example.org", "body\r\n");
        failed.setErrorMessage("mailet failed");
        failed.setLastUpdated(Date.from(Instant.parse("2026-11-23T10:00:00Z")));
        repository.store(failed);
        repository.store(mail("m2", "spam", "", "x\r\n"));

        List<StoredMailSummary> all = repository.list(0, 10);

        assertThat(all).extracting(StoredMailSummary::key).containsExactly("m1", "m2");
        StoredMailSummary first = all.get(0);
        assertThat(first.name()).isEqualTo("m1");
        assertThat(first.sender().asString()).isEqualTo("alice@example.org");
        assertThat(first.recipients()).extracting(MailAddress::asString).containsExactly("bob@example.com");
        assertThat(first.state()).isEqualTo("error");
        assertThat(first.errorMessage()).contains("mailet failed");
        assertThat(first.size()).isEqualTo(("Subject: s\r\n\r\n" + "body\r\n").length());
        assertThat(first.storedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(all.get(1).sender()).isEqualTo(MaybeSender.nullSender());
        assertThat(all.get(1).errorMessage()).isEmpty();
        assertThat(repository.list(1, 10)).extracting(StoredMailSummary::key).containsExactly("m2");
    }

    @Test
    void theDefaultRemoveAllRemovesEveryKey() throws Exception {
        repository.store(mail("m1", "error", "a@b.example", "1\r\n"));
        repository.store(mail("m2", "error", "a@b.example", "2\r\n"));

        assertThat(repository.removeAll()).isEqualTo(2);
        assertThat(repository.size()).isZero();
        assertThat(repository.removeAll()).isZero();
    }

    private static Mail mail(String name, String state, String sender, String body) throws Exception {
        return MailgateMail.builder(name)
                .state(state)
                .sender(sender.isEmpty() ? MaybeSender.nullSender() : MaybeSender.of(new MailAddress(sender)))
                .recipients(List.of(new MailAddress("bob@example.com")))
                .parts(new MessageParts("Subject: s\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        new ByteArrayBodySource(body.getBytes(StandardCharsets.US_ASCII))))
                .build();
    }

    /** Only what an implementation must write. */
    private static final class MapRepository implements MailRepository {
        private final Map<String, Mail> mails = new LinkedHashMap<>();

        @Override
        public MailRepositoryUrl url() {
            return MailRepositoryUrl.of("memory://errors/");
        }

        @Override
        public String store(Mail mail) {
            mails.put(mail.getName(), mail);
            return mail.getName();
        }

        @Override
        public long size() {
            return mails.size();
        }

        @Override
        public List<String> keys(int offset, int limit) {
            List<String> keys = new ArrayList<>(mails.keySet());
            return keys.subList(Math.min(offset, keys.size()), (int) Math.min(keys.size(), (long) offset + limit));
        }

        @Override
        public Optional<Mail> retrieve(String key) {
            return Optional.ofNullable(mails.get(key));
        }

        @Override
        public boolean remove(String key) {
            return mails.remove(key) != null;
        }
    }
}
