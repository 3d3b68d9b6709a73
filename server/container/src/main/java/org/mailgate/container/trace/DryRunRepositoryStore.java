package org.mailgate.container.trace;

import java.util.List;
import java.util.Optional;
import org.apache.mailet.Mail;
import org.mailgate.api.repository.MailRepository;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;

/** The repositories of a trace: always empty; a mail stored in one is recorded, not kept. */
public final class DryRunRepositoryStore implements MailRepositoryStore {

    private final TraceRecorder recorder;

    public DryRunRepositoryStore(TraceRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public MailRepository select(MailRepositoryUrl url) {
        return new MailRepository() {
            @Override
            public MailRepositoryUrl url() {
                return url;
            }

            @Override
            public String store(Mail mail) {
                recorder.handedOff(mail, recipient -> "repository " + url.value());
                return "dry-run";
            }

            @Override
            public long size() {
                return 0;
            }

            @Override
            public List<String> keys(int offset, int limit) {
                return List.of();
            }

            @Override
            public Optional<Mail> retrieve(String key) {
                return Optional.empty();
            }

            @Override
            public boolean remove(String key) {
                return false;
            }
        };
    }

    @Override
    public List<MailRepositoryUrl> urls() {
        return List.of();
    }
}
