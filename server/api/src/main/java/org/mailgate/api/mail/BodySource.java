package org.mailgate.api.mail;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the body of a message lives (the spool, a repository, a temporary file). The body is read as a
 * stream, never held whole in memory, and never changes: a modified body is a new source.
 */
public interface BodySource {

    /** Length of the body in bytes. */
    long size();

    /** A new stream over the body from {@code offset} to its end. */
    InputStream open(long offset) throws IOException;
}
