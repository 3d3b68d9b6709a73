package org.mailgate.spool;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.locks.ReentrantLock;
import org.mailgate.api.mail.QueueId;

/**
 * Hands out queue ids from blocks reserved in the database: one query per {@value #BLOCK} ids. A block
 * is never given out twice, even after a crash (the sequence moves on as the block is reserved);
 * what a crash costs is a gap in the numbers.
 */
final class QueueIds {

    static final int BLOCK = 100;

    private final Database database;
    private final ReentrantLock lock = new ReentrantLock();
    private long next;
    private long end;

    QueueIds(Database database) {
        this.database = database;
    }

    QueueId next() {
        lock.lock();
        try {
            if (next == end) {
                next = database.inTransaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT NEXT VALUE FOR queue_id_seq");
                         ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
                end = next + BLOCK;
            }
            return new QueueId(next++);
        } finally {
            lock.unlock();
        }
    }
}
