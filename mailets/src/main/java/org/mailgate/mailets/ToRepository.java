package org.mailgate.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;
import org.mailgate.api.repository.MailRepository;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;

/**
 * Stores a copy of the mail in a repository. Parameters: {@code repositoryPath} (James's URL form,
 * e.g. {@code file://var/mail/error/}; required), {@code passThrough} (default false: the mail is done
 * once stored).
 */
public final class ToRepository extends GenericMailet {

    private final MailRepositoryStore repositories;
    private MailRepository repository;
    private boolean passThrough;

    @Inject
    public ToRepository(MailRepositoryStore repositories) {
        this.repositories = repositories;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), Set.of("repositoryPath", "passThrough"));
        try {
            repository = repositories.select(MailRepositoryUrl.of(parameters.required("repositoryPath")));
        } catch (IllegalArgumentException e) {
            throw new MessagingException("parameter repositoryPath: " + e.getMessage());
        }
        passThrough = parameters.bool("passThrough", false);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        repository.store(mail);
        if (!passThrough) {
            mail.setState(Mail.GHOST);
        }
    }

    @Override
    public String getMailetInfo() {
        return "ToRepository Mailet";
    }
}
