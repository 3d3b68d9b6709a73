package org.mailgate.smtp.session;

import java.time.Clock;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.spool.MailSpool;

/** What SMTP sessions hand mail to and decide with. */
public record SessionServices(MailSpool spool, DomainList domains, Clock clock) {
}
