package org.mailgate.mailets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mailet.Mail;
import org.mailgate.api.repository.MailRepository;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;

/** Repositories kept in memory, to see what a mailet stored without an H2 database. */
final class InMemoryRepositories implements MailRepositoryStore {

    private final Map<MailRepositoryUrl, Repository> repositories = new LinkedHashMap<>();

    @Override
    public MailRepository select(MailRepositoryUrl url) {
        return repositories.computeIfAbsent(url, Repository::new);
    }

    @Override
    public List<MailRepositoryUrl> urls() {
        return List.copyOf(repositories.keySet());
    }

    /** Names and recipients of the mails stored in {@code url}, as they were when stored. */
    List<String> stored(String url) {
        Repository repository = repositories.get(MailRepositoryUrl.of(url));
        return repository == null ? List.of() : List.copyOf(repository.mails.values());
    }

    private static final class Repository implements MailRepository {
        private final MailRepositoryUrl url;
        private final Map<String, String> mails = new LinkedHashMap<>();

        Repository(MailRepositoryUrl url) {
            this.url = url;
        }

        @Override
        public MailRepositoryUrl url() {
            return url;
        }

        @Override
        public String store(Mail mail) {
            String key = "key" + (mails.size() + 1);
            mails.put(key, mail.getName() + " " + mail.getRecipients());
            return key;
        }

        @Override
        public long size() {
            return mails.size();
        }

        @Override
        public List<String> keys(int offset, int limit) {
            return new ArrayList<>(mails.keySet()).subList(offset, Math.min(mails.size(), offset + limit));
        }

        @Override
        public Optional<Mail> retrieve(String key) {
            return Optional.empty();
        }

        @Override
        public boolean remove(String key) {
            return mails.remove(key) != null;
        }
    }
}
