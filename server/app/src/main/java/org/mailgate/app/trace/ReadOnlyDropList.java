package org.mailgate.app.trace;

import java.util.List;
import org.apache.james.core.MailAddress;
import org.mailgate.api.droplist.DropList;
import org.mailgate.api.droplist.DropListEntry;
import org.mailgate.api.droplist.DropListOwner;

/** The gateway's drop list as a trace may see it: a mailet may query, never change (it is a dry run). */
record ReadOnlyDropList(DropList dropList) implements DropList {

    @Override
    public boolean add(DropListEntry entry) {
        throw TraceRefusal.change("add a drop list entry");
    }

    @Override
    public boolean remove(DropListEntry entry) {
        throw TraceRefusal.change("remove a drop list entry");
    }

    @Override
    public List<DropListEntry> list(DropListOwner owner) {
        return dropList.list(owner);
    }

    @Override
    public Status query(DropListOwner owner, MailAddress sender) {
        return dropList.query(owner, sender);
    }
}
