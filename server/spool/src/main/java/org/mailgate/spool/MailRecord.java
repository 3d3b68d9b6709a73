package org.mailgate.spool;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mailgate.api.mail.QueueId;

/**
 * The columns every stored mail has, in the spool, the outgoing queue and repositories alike. The null
 * sender is stored as the empty string, recipients one per line.
 */
record MailRecord(QueueId queueId, String name, MaybeSender sender, List<MailAddress> recipients, byte[] headers,
                  long bodyId, String attributesJson, String errorMessage, String remoteAddr, String remoteHost,
                  long createdAt) {

    /** Column names in bind order, for INSERT statements. */
    static final String COLUMNS = "queue_id, name, sender, recipients, headers, body_id, attributes, error_message, "
            + "remote_addr, remote_host, created_at";
    static final int COLUMN_COUNT = 11;
    static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    MailRecord {
        recipients = List.copyOf(recipients);
    }

    /** Binds the columns in {@link #COLUMNS} order from parameter {@code first} on. */
    void bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        ps.setLong(i++, queueId.value());
        ps.setString(i++, name);
        ps.setString(i++, sender.asString(""));
        ps.setString(i++, recipientsText(recipients));
        ps.setBytes(i++, headers);
        ps.setLong(i++, bodyId);
        ps.setString(i++, attributesJson);
        ps.setString(i++, errorMessage);
        ps.setString(i++, remoteAddr);
        ps.setString(i++, remoteHost);
        ps.setLong(i, createdAt);
    }

    /** Reads the columns (selected by their names) from the current row. */
    static MailRecord read(ResultSet rs) throws SQLException {
        return new MailRecord(new QueueId(rs.getLong("queue_id")), rs.getString("name"),
                sender(rs.getString("sender")), recipients(rs.getString("recipients")), rs.getBytes("headers"),
                rs.getLong("body_id"), rs.getString("attributes"), rs.getString("error_message"),
                rs.getString("remote_addr"), rs.getString("remote_host"), rs.getLong("created_at"));
    }

    static String recipientsText(List<MailAddress> recipients) {
        return recipients.stream().map(MailAddress::asString).collect(Collectors.joining("\n"));
    }

    static MaybeSender sender(String stored) {
        return stored.isEmpty() ? MaybeSender.nullSender() : MaybeSender.getMailSender(stored);
    }

    static List<MailAddress> recipients(String stored) {
        List<MailAddress> list = new ArrayList<>();
        for (String line : stored.split("\n")) {
            if (!line.isEmpty()) {
                try {
                    list.add(new MailAddress(line));
                } catch (jakarta.mail.internet.AddressException e) {
                    throw new StoreException("stored recipient is not an address: " + line, e);
                }
            }
        }
        return list;
    }
}
