package org.mailgate.spool;

/**
 * Test set-up straight in the store, for speed: copies of an outgoing entry made by one SQL statement
 * (as many rows as a large queue has), sharing the entry's body.
 */
public final class BulkOutgoing {

    private BulkOutgoing() {
    }

    /** Adds {@code copies} copies of entry {@code entryId} (named after it, {@code -1}, {@code -2}...) in one transaction. */
    public static void copy(Database database, long entryId, int copies) {
        database.inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO outgoing(" + MailRecord.COLUMNS + ", queue_name, "
                    + "next_attempt_at, failed_attempts, last_error) SELECT "
                    + MailRecord.COLUMNS.replace("name,", "name || '-' || X,") + ", queue_name, next_attempt_at, "
                    + "failed_attempts, last_error FROM SYSTEM_RANGE(1, ?) CROSS JOIN outgoing WHERE id = ?")) {
                ps.setInt(1, copies);
                ps.setLong(2, entryId);
                ps.executeUpdate();
            }
            try (var ps = c.prepareStatement("UPDATE message_body SET refs = refs + ? WHERE id = "
                    + "(SELECT body_id FROM outgoing WHERE id = ?)")) {
                ps.setInt(1, copies);
                ps.setLong(2, entryId);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
