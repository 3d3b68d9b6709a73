package org.mailgate.spool;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mailgate.api.mail.QueueId;

/** Lists the entries of the spool or the outgoing table, soonest due first. */
final class QueueListing {

    private QueueListing() {
    }

    static List<QueueEntry> list(Database database, String table, String placeColumn, int limit) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, queue_id, " + placeColumn + ", sender, "
                    + "recipients, failed_attempts, next_attempt_at, last_error FROM " + table
                    + " ORDER BY next_attempt_at, id LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<QueueEntry> entries = new ArrayList<>();
                    while (rs.next()) {
                        entries.add(new QueueEntry(rs.getLong(1), new QueueId(rs.getLong(2)), rs.getString(3),
                                rs.getString(4), Arrays.asList(rs.getString(5).split("\n")), rs.getInt(6),
                                Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8)));
                    }
                    return entries;
                }
            }
        });
    }
}
