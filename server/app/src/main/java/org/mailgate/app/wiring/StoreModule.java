package org.mailgate.app.wiring;

import com.google.inject.AbstractModule;
import org.mailgate.api.delivery.OutgoingQueueControl;
import org.mailgate.api.delivery.OutgoingQueues;
import org.mailgate.api.delivery.OutgoingStore;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.domain.DomainStore;
import org.mailgate.api.droplist.DropList;
import org.mailgate.api.repository.MailRepositoryReprocessor;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.rrt.MappingStore;
import org.mailgate.api.rrt.RecipientRewriteTable;
import org.mailgate.api.rrt.RewriteTableListing;
import org.mailgate.api.spool.MailSpool;
import org.mailgate.api.spool.SpoolProcessing;
import org.mailgate.api.user.Users;
import org.mailgate.spool.H2DropList;
import org.mailgate.spool.H2MailRepositoryReprocessor;
import org.mailgate.spool.H2MailRepositoryStore;
import org.mailgate.spool.H2MappingStore;
import org.mailgate.spool.H2OutgoingQueueControl;
import org.mailgate.spool.H2OutgoingQueues;
import org.mailgate.spool.H2Users;
import org.mailgate.spool.SpoolStore;
import org.mailgate.spool.domain.ConfiguredDomainList;
import org.mailgate.spool.rrt.ConfiguredRecipientRewriteTable;

/**
 * The H2 store behind the spool, the outgoing queues, the repositories, the stored rewrite mappings and
 * the drop list, the SMTP accounts and the added local domains; the domain list and the rewrite table
 * built on the configuration and the store.
 */
final class StoreModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(MailSpool.class).to(SpoolStore.class);
        bind(SpoolProcessing.class).to(SpoolStore.class);
        bind(OutgoingQueues.class).to(H2OutgoingQueues.class);
        bind(OutgoingStore.class).to(H2OutgoingQueues.class);
        bind(OutgoingQueueControl.class).to(H2OutgoingQueueControl.class);
        bind(MailRepositoryStore.class).to(H2MailRepositoryStore.class);
        bind(MailRepositoryReprocessor.class).to(H2MailRepositoryReprocessor.class);
        bind(DomainList.class).to(ConfiguredDomainList.class);
        bind(DomainStore.class).to(ConfiguredDomainList.class);
        bind(MappingStore.class).to(H2MappingStore.class);
        bind(RecipientRewriteTable.class).to(ConfiguredRecipientRewriteTable.class);
        bind(RewriteTableListing.class).to(ConfiguredRecipientRewriteTable.class);
        bind(DropList.class).to(H2DropList.class);
        bind(Users.class).to(H2Users.class);
    }
}
