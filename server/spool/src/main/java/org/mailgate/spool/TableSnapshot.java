package org.mailgate.spool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A small operator table (mappings, drop list) served from an immutable in-memory copy, so that reading
 * it for every mail costs no database round trip: the rows in the order added, and an index built from
 * them for the questions mail asks. The copy is read on first use and replaced by each change made
 * through this object; each change is a durable transaction. The database is only ever opened by one
 * Mailgate process, and each table is changed through one store, so the copy cannot go stale. Changes
 * are serialized; readers never wait once the copy is loaded.
 *
 * @param <E> a row: a value, two equal rows being one row
 * @param <I> the index built from the rows
 */
final class TableSnapshot<E, I> {

    /** Writes one row. */
    @FunctionalInterface
    interface RowWrite<E> {
        void write(Connection c, E row) throws SQLException;
    }

    /** The rows in the order added, and the index built from them. */
    private record Copy<E, I>(List<E> all, I index) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Database database;
    private final Database.SqlWork<List<E>> load;
    private final RowWrite<E> insert;
    private final RowWrite<E> delete;
    private final Function<List<E>, I> indexer;
    private volatile Copy<E, I> current;

    /**
     * @param load    every row, in the order added
     * @param insert  adds a row that is not in the table
     * @param delete  removes a row that is in the table
     * @param indexer the index of an immutable list of rows
     */
    TableSnapshot(Database database, Database.SqlWork<List<E>> load, RowWrite<E> insert, RowWrite<E> delete,
                  Function<List<E>, I> indexer) {
        this.database = database;
        this.load = load;
        this.insert = insert;
        this.delete = delete;
        this.indexer = indexer;
    }

    /** Every row, in the order added (immutable). */
    List<E> all() {
        return copy().all();
    }

    /** The index of the rows. */
    I index() {
        return copy().index();
    }

    /** Adds a row; false if it was already there. */
    boolean add(E row) {
        lock.lock();
        try {
            List<E> rows = copy().all();
            if (rows.contains(row)) {
                return false;
            }
            database.inDurableTransaction(c -> {
                insert.write(c, row);
                return null;
            });
            List<E> more = new ArrayList<>(rows);
            more.add(row);
            current = copyOf(more);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Removes a row; false if it was not there. */
    boolean remove(E row) {
        lock.lock();
        try {
            List<E> rows = copy().all();
            if (!rows.contains(row)) {
                return false;
            }
            database.inDurableTransaction(c -> {
                delete.write(c, row);
                return null;
            });
            List<E> fewer = new ArrayList<>(rows);
            fewer.remove(row);
            current = copyOf(fewer);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private Copy<E, I> copy() {
        Copy<E, I> copy = current;
        if (copy != null) {
            return copy;
        }
        lock.lock();
        try {
            if (current == null) {
                current = copyOf(database.inTransaction(load));
            }
            return current;
        } finally {
            lock.unlock();
        }
    }

    private Copy<E, I> copyOf(List<E> rows) {
        List<E> all = List.copyOf(rows);
        return new Copy<>(all, indexer.apply(all));
    }
}
