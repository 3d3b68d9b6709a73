package org.mailgate.api.repository;

import java.util.List;

/** All mail repositories. A repository exists once something was stored in it. */
public interface MailRepositoryStore {

    MailRepository select(MailRepositoryUrl url);

    List<MailRepositoryUrl> urls();
}
