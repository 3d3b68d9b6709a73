package org.mailgate.api.mail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A body held in memory; for small messages built in code (tests, notifications). */
public record ByteArrayBodySource(byte[] bytes) implements BodySource {

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream open(long offset) {
        int start = (int) Math.min(offset, bytes.length);
        return new ByteArrayInputStream(bytes, start, bytes.length - start);
    }
}
