package org.mailgate.container.testmailets;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What {@link Collect} mailets saw: the recipients of each mail, in order. */
public final class Collected {

    private final List<String> recipients = new CopyOnWriteArrayList<>();

    void add(String recipientList) {
        recipients.add(recipientList);
    }

    public List<String> recipients() {
        return List.copyOf(recipients);
    }
}
