package org.mailgate.container.testmailets;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** Recipients whose local part is in the condition's comma-separated list. */
public final class LocalPartIn extends GenericMatcher {

    private Set<String> localParts;

    @Override
    public void init() {
        localParts = Arrays.stream(getCondition().split(",")).map(String::trim).collect(Collectors.toSet());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream().filter(r -> localParts.contains(r.getLocalPart())).toList();
    }
}
