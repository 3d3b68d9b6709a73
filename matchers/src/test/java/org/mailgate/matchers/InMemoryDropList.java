package org.mailgate.matchers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.core.MailAddress;
import org.mailgate.api.droplist.DropList;
import org.mailgate.api.droplist.DropListEntry;
import org.mailgate.api.droplist.DropListOwner;

/** A drop list in memory, for matcher tests. */
final class InMemoryDropList implements DropList {

    private final List<DropListEntry> entries = new ArrayList<>();

    @Override
    public boolean add(DropListEntry entry) {
        return !entries.contains(entry) && entries.add(entry);
    }

    @Override
    public boolean remove(DropListEntry entry) {
        return entries.remove(entry);
    }

    @Override
    public List<DropListEntry> list(DropListOwner owner) {
        return entries.stream().filter(e -> e.owner().equals(owner)).toList();
    }

    @Override
    public Status query(DropListOwner owner, MailAddress sender) {
        String address = sender.asString().toLowerCase(Locale.ROOT);
        String domain = sender.getDomain().asString();
        return list(owner).stream().anyMatch(e -> e.denied().equals(address) || e.denied().equals(domain))
                ? Status.BLOCKED : Status.ALLOWED;
    }
}
