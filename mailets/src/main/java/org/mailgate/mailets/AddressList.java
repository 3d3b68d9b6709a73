package org.mailgate.mailets;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

/**
 * An address parameter of the Redirect family ({@code recipients}, {@code to}, {@code forwardTo},
 * {@code sender}, {@code replyTo}, {@code reversePath}), parsed once at init: real addresses, which may
 * carry a display name, and special values ({@link SpecialAddress}) resolved against each mail.
 * {@code postmaster} is resolved at parse time, since it does not depend on the mail.
 */
record AddressList(String parameter, List<AddressList.Entry> entries) {

    /** One element of the list. */
    sealed interface Entry permits Literal, Special {
    }

    /** A real address: as it goes into a header, and as an envelope address. */
    record Literal(InternetAddress header, MailAddress address) implements Entry {
    }

    /** A special value other than {@code postmaster}. */
    record Special(SpecialAddress kind) implements Entry {
    }

    AddressList {
        entries = List.copyOf(entries);
    }

    /**
     * @throws MessagingException naming the parameter when the value is empty, cannot be parsed, or
     *                            uses a special value the parameter does not allow
     */
    static AddressList parse(String parameter, String value, Set<SpecialAddress> allowed, MailAddress postmaster)
            throws MessagingException {
        if (value.isBlank()) {
            throw new MessagingException("parameter " + parameter + " is empty");
        }
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parse(value, false);
        } catch (AddressException e) {
            throw new MessagingException("parameter " + parameter + ": cannot read '" + value + "' as a list of "
                    + "addresses: " + e.getMessage());
        }
        if (parsed.length == 0) {
            throw new MessagingException("parameter " + parameter + " lists no address");
        }
        List<Entry> entries = new ArrayList<>();
        for (InternetAddress address : parsed) {
            entries.add(entry(parameter, address, allowed, postmaster));
        }
        return new AddressList(parameter, entries);
    }

    /** A parameter that takes exactly one address or special value. */
    static Entry parseOne(String parameter, String value, Set<SpecialAddress> allowed, MailAddress postmaster)
            throws MessagingException {
        AddressList list = parse(parameter, value, allowed, postmaster);
        if (list.entries().size() != 1) {
            throw new MessagingException("parameter " + parameter + " takes one address, not "
                    + list.entries().size() + " ('" + value + "')");
        }
        return list.entries().get(0);
    }

    /**
     * A parameter that takes only one of a few special values (James's {@code to} of NotifySender and
     * NotifyPostmaster), e.g. {@code sender}.
     */
    static AddressList parseSpecial(String parameter, String value, Set<SpecialAddress> allowed,
                                    MailAddress postmaster) throws MessagingException {
        var special = SpecialAddress.of(value);
        if (special.isEmpty() || !allowed.contains(special.get())) {
            throw new MessagingException("parameter " + parameter + " must be one of "
                    + SpecialAddress.keywords(allowed) + ", not '" + value + "'");
        }
        return parse(parameter, value, allowed, postmaster);
    }

    private static Entry entry(String parameter, InternetAddress address, Set<SpecialAddress> allowed,
                               MailAddress postmaster) throws MessagingException {
        String token = address.getAddress() == null ? "" : address.getAddress();
        var special = SpecialAddress.of(token);
        if (special.isPresent()) {
            if (!allowed.contains(special.get())) {
                throw new MessagingException("parameter " + parameter + ": the special value '"
                        + special.get().keyword() + "' is not allowed here; allowed: "
                        + (allowed.isEmpty() ? "none" : SpecialAddress.keywords(allowed)));
            }
            if (special.get() == SpecialAddress.POSTMASTER) {
                return new Literal(new InternetAddress(postmaster.asString()), postmaster);
            }
            return new Special(special.get());
        }
        try {
            return new Literal(address, new MailAddress(address));
        } catch (AddressException e) {
            throw new MessagingException("parameter " + parameter + ": '" + token + "' is neither an address nor "
                    + "one of the special values " + SpecialAddress.keywords(allowed) + " (" + e.getMessage() + ")");
        }
    }

    /** Whether the list is exactly one of these special values. */
    boolean isOnly(SpecialAddress... kinds) {
        return entries.size() == 1 && entries.get(0) instanceof Special special
                && Arrays.asList(kinds).contains(special.kind());
    }

    /** The envelope recipients the list stands for with this mail, each once, in order. */
    List<MailAddress> envelope(Mail original) throws MessagingException {
        Set<MailAddress> out = new LinkedHashSet<>();
        for (Entry entry : entries) {
            switch (entry) {
                case Literal literal -> out.add(literal.address());
                case Special special -> out.addAll(envelope(special.kind(), original));
            }
        }
        return List.copyOf(out);
    }

    private static List<MailAddress> envelope(SpecialAddress kind, Mail original) throws MessagingException {
        return switch (kind) {
            case SENDER, FROM, REVERSE_PATH -> original.getMaybeSender().asList();
            case REPLY_TO -> orSender(mailAddresses(replyTo(original.getMessage())), original);
            case TO, RECIPIENTS -> List.copyOf(original.getRecipients());
            case POSTMASTER, DELETE, UNALTERED, NULL -> List.of();
        };
    }

    /** The header addresses the list stands for with this mail, each once, in order. */
    List<InternetAddress> header(Mail original) throws MessagingException {
        Map<String, InternetAddress> out = new LinkedHashMap<>();
        for (Entry entry : entries) {
            List<InternetAddress> addresses = switch (entry) {
                case Literal literal -> List.of(literal.header());
                case Special special -> header(special.kind(), original);
            };
            for (InternetAddress address : addresses) {
                out.putIfAbsent(address.getAddress().toLowerCase(Locale.ROOT), address);
            }
        }
        return List.copyOf(out.values());
    }

    private static List<InternetAddress> header(SpecialAddress kind, Mail original) throws MessagingException {
        MimeMessage message = original.getMessage();
        return switch (kind) {
            case SENDER, REVERSE_PATH -> internetAddresses(original.getMaybeSender().asList());
            case FROM -> orSenderHeader(internetAddresses(from(message)), original);
            case REPLY_TO -> orSenderHeader(internetAddresses(replyTo(message)), original);
            case TO, RECIPIENTS -> internetAddresses(to(message));
            case POSTMASTER, DELETE, UNALTERED, NULL -> List.of();
        };
    }

    private static List<MailAddress> orSender(List<MailAddress> addresses, Mail original) {
        return addresses.isEmpty() ? original.getMaybeSender().asList() : addresses;
    }

    private static List<InternetAddress> orSenderHeader(List<InternetAddress> addresses, Mail original)
            throws MessagingException {
        return addresses.isEmpty() ? internetAddresses(original.getMaybeSender().asList()) : addresses;
    }

    /* An unreadable header counts as absent, as in James: a notification is not refused for it. */

    private static Address[] replyTo(MimeMessage message) {
        try {
            return message.getReplyTo();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static Address[] from(MimeMessage message) {
        try {
            return message.getFrom();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static Address[] to(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static List<MailAddress> mailAddresses(Address[] addresses) {
        List<MailAddress> out = new ArrayList<>();
        for (InternetAddress address : internetAddresses(addresses)) {
            try {
                out.add(new MailAddress(address));
            } catch (AddressException e) {
                // not usable as an envelope address (a group, a local name): left out
            }
        }
        return out;
    }

    private static List<InternetAddress> internetAddresses(Address[] addresses) {
        List<InternetAddress> out = new ArrayList<>();
        if (addresses != null) {
            for (Address address : addresses) {
                if (address instanceof InternetAddress internet && !internet.isGroup()
                        && internet.getAddress() != null && !internet.getAddress().isBlank()) {
                    out.add(internet);
                }
            }
        }
        return out;
    }

    private static List<InternetAddress> internetAddresses(List<MailAddress> addresses) throws MessagingException {
        List<InternetAddress> out = new ArrayList<>();
        for (MailAddress address : addresses) {
            out.add(new InternetAddress(address.asString()));
        }
        return out;
    }
}
