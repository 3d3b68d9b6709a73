package org.mailgate.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext.LogLevel;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mailet.MailetParameters;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingResolver;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.Resolution;

/**
 * Rewrites the recipients of the mail through the recipient rewrite table ({@code recipientrewritetable.xml}
 * and the mappings stored by the operator), as James's mailet of the same name:
 * <ul>
 *   <li>each recipient is resolved (see {@link MappingResolver}: aliases, alias domains, regex, wildcard
 *       sources, recursion up to {@code mappingLimit}); a recipient without mappings stays as it is;</li>
 *   <li>the local addresses it is rewritten to (those of a local domain) replace it in this mail;</li>
 *   <li>the remote addresses it is rewritten to go in a copy of the mail, sent through the mailet context
 *       in the mail's current state, so the copy runs this processor again from its start;</li>
 *   <li>a recipient that cannot be rewritten (an {@code error:} mapping, a loop, more than
 *       {@code mappingLimit} rewrites) goes in a copy sent to {@code errorProcessor}, with the reason (the
 *       error mapping's text, e.g. {@code 550 5.1.1 No such user}) as its error message;</li>
 *   <li>a mail left without recipients is done ({@code ghost}).</li>
 * </ul>
 * With {@code rewriteSenderUponForward} (James's default), {@code forward:} mappings are left out of
 * that resolution; then each remaining recipient that has {@code forward:} mappings of its own is sent a
 * copy, to the forward addresses, with that recipient as sender, and stays a recipient of this mail only
 * if it also forwards to itself (a local copy). Without it, {@code forward:} mappings are plain aliases.
 *
 * <p>Parameters, with James's names: {@code errorProcessor} (default {@code error}),
 * {@code rewriteSenderUponForward} (default {@code true}).
 */
public final class RecipientRewriteTable extends GenericMailet {

    private final org.mailgate.api.rrt.RecipientRewriteTable table;
    private final MappingResolver resolver;
    private String errorProcessor;
    private boolean rewriteSenderUponForward;
    private Set<Mapping.Type> resolvedTypes;

    @Inject
    public RecipientRewriteTable(org.mailgate.api.rrt.RecipientRewriteTable table) {
        this.table = table;
        this.resolver = new MappingResolver(table);
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(),
                Set.of("errorProcessor", "rewriteSenderUponForward"));
        errorProcessor = parameters.get("errorProcessor").filter(p -> !p.isEmpty()).orElse(Mail.ERROR);
        if (errorProcessor.equals(Mail.GHOST)) {
            throw new MessagingException("parameter errorProcessor cannot be 'ghost': the recipients it gets "
                    + "would be dropped without a bounce; name a processor");
        }
        rewriteSenderUponForward = parameters.bool("rewriteSenderUponForward", true);
        resolvedTypes = EnumSet.allOf(Mapping.Type.class);
        if (rewriteSenderUponForward) {
            resolvedTypes.remove(Mapping.Type.FORWARD);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Set<MailAddress> kept = new LinkedHashSet<>();
        Map<String, List<MailAddress>> failed = new LinkedHashMap<>();
        for (MailAddress recipient : mail.getRecipients()) {
            switch (resolver.resolve(recipient, resolvedTypes)) {
                case Resolution.Unchanged unchanged -> kept.add(recipient);
                case Resolution.Rewritten rewritten -> kept.addAll(localOnes(mail, recipient, rewritten.addresses()));
                case Resolution.Failed failure -> {
                    log(LogLevel.WARN, mail.getName() + ": recipient " + recipient + " cannot be rewritten: "
                            + failure.reason());
                    failed.computeIfAbsent(failure.reason(), r -> new ArrayList<>()).add(recipient);
                }
            }
        }
        for (Map.Entry<String, List<MailAddress>> failure : failed.entrySet()) {
            Mail copy = mail.duplicate();
            copy.setRecipients(failure.getValue());
            copy.setErrorMessage(failure.getKey());
            getMailetContext().sendMail(copy, errorProcessor);
        }
        mail.setRecipients(new ArrayList<>(kept));
        if (rewriteSenderUponForward) {
            processForwards(mail);
        }
        if (mail.getRecipients().isEmpty()) {
            mail.setState(Mail.GHOST);
        }
    }

    /** Sends the remote addresses of a rewritten recipient on in a copy; returns the local ones. */
    private List<MailAddress> localOnes(Mail mail, MailAddress recipient, List<MailAddress> addresses)
            throws MessagingException {
        List<MailAddress> local = new ArrayList<>();
        List<MailAddress> remote = new ArrayList<>();
        for (MailAddress address : addresses) {
            (getMailetContext().isLocalServer(address.getDomain()) ? local : remote).add(address);
        }
        if (!remote.isEmpty()) {
            Mail copy = mail.duplicate();
            copy.setRecipients(remote);
            getMailetContext().sendMail(copy);
            log(LogLevel.INFO, mail.getName() + ": mail for " + recipient + " forwarded to " + remote);
        }
        return local;
    }

    /** James's forwards with the sender rewritten: one copy per forwarding recipient. */
    private void processForwards(Mail mail) throws MessagingException {
        List<MailAddress> recipients = new ArrayList<>(mail.getRecipients());
        for (MailAddress recipient : List.copyOf(recipients)) {
            Set<MailAddress> targets = forwardTargets(recipient);
            if (targets.isEmpty()) {
                continue;
            }
            if (!targets.remove(recipient)) {
                recipients.remove(recipient);
            }
            if (!targets.isEmpty()) {
                Mail copy = mail.duplicate();
                if (!(copy instanceof MailgateMail forwarded)) {
                    throw new MessagingException("cannot set the sender of a " + copy.getClass().getName());
                }
                forwarded.setSender(MaybeSender.of(recipient));
                forwarded.setRecipients(new ArrayList<>(targets));
                getMailetContext().sendMail(forwarded);
                log(LogLevel.INFO, mail.getName() + ": mail for " + recipient + " forwarded to " + targets
                        + " with sender " + recipient);
            }
        }
        mail.setRecipients(recipients);
    }

    private Set<MailAddress> forwardTargets(MailAddress recipient) throws MessagingException {
        Set<MailAddress> targets = new LinkedHashSet<>();
        for (Mapping mapping : table.mappingsFor(MappingSource.of(recipient))) {
            if (mapping.type() == Mapping.Type.FORWARD) {
                String target = mapping.rewrite(recipient).orElseThrow();
                try {
                    targets.add(new MailAddress(target));
                } catch (jakarta.mail.internet.AddressException e) {
                    throw new MessagingException("mapping " + mapping + " of " + recipient + " gives '" + target
                            + "', which is not an address", e);
                }
            }
        }
        return targets;
    }

    private void log(LogLevel level, String message) {
        getMailetContext().log(level, message);
    }

    /** The processor failing recipients go to, for the container's reference check. */
    public String errorProcessor() {
        return errorProcessor;
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return List.of(new ProcessingState(errorProcessor));
    }

    @Override
    public String getMailetInfo() {
        return "RecipientRewriteTable Mailet";
    }
}
