package org.mailgate.spool;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailgate.api.delivery.QueuedMailFilter;

/**
 * A table an operator looks into as a queue, aliased {@code o}: the outgoing table (one queue per
 * {@code queue_name}, entries may be held) or the spool (one queue, never held), and the SQL condition
 * selecting a queue's entries that a {@link QueuedMailFilter} matches. Everything is compared in SQL, so
 * a listing or an action over a large queue reads only the rows it returns.
 */
record QueueTable(String table, String placeColumn, String heldColumn, boolean oneQueue) {

    static final QueueTable OUTGOING = new QueueTable("outgoing", "o.queue_name", "o.held", false);
    static final QueueTable SPOOL = new QueueTable("spool", "o.state", "FALSE", true);

    /** A condition and the values of its parameters, in order. */
    record Condition(String sql, List<Object> values) {

        /** Binds the values from parameter {@code first} on; the next free parameter. */
        int bind(PreparedStatement ps, int first) throws SQLException {
            int i = first;
            for (Object value : values) {
                ps.setObject(i++, value);
            }
            return i;
        }
    }

    /** The entries of {@code queueName} that {@code filter} matches, {@code now} being the time to age them by. */
    Condition where(String queueName, QueuedMailFilter filter, long now) {
        StringBuilder sql = new StringBuilder(oneQueue ? "TRUE" : "o.queue_name = ?");
        List<Object> values = new ArrayList<>();
        if (!oneQueue) {
            values.add(queueName);
        }
        filter.sender().ifPresent(s -> add(sql, values, "LOWER(o.sender) = ?", lower(s)));
        filter.name().ifPresent(n -> add(sql, values, "o.name = ?", n));
        filter.recipient().ifPresent(r -> add(sql, values,
                "LOCATE(?, CHAR(10) || LOWER(o.recipients) || CHAR(10)) > 0", "\n" + lower(r) + "\n"));
        filter.domain().ifPresent(d -> add(sql, values,
                "LOCATE(?, LOWER(o.recipients) || CHAR(10)) > 0", "@" + lower(d) + "\n"));
        filter.olderThan().ifPresent(age -> add(sql, values, "o.created_at < ?", now - age.toMillis()));
        filter.lastError().ifPresent(e -> add(sql, values, "LOCATE(?, LOWER(COALESCE(o.last_error, ''))) > 0",
                lower(e)));
        filter.delayed().ifPresent(delayed -> add(sql, values, delayed
                ? "o.next_attempt_at > ? AND " + heldColumn + " = FALSE"
                : "(o.next_attempt_at <= ? OR " + heldColumn + " = TRUE)", now));
        filter.held().ifPresent(held -> sql.append(" AND ").append(heldColumn).append(held ? " = TRUE" : " = FALSE"));
        return new Condition(sql.toString(), values);
    }

    private static void add(StringBuilder sql, List<Object> values, String condition, Object value) {
        sql.append(" AND ").append(condition);
        values.add(value);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
