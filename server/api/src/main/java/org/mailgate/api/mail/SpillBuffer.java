package org.mailgate.api.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Collects a message written by Jakarta Mail: in memory up to a threshold, then in a temporary file in
 * the JVM's temporary directory (Mailgate points it at {@code var/tmp}). The file is deleted once no
 * {@link BodySource} made from it is reachable.
 */
public final class SpillBuffer extends OutputStream {

    private static final int MEMORY_THRESHOLD = 256 * 1024;
    private static final Cleaner CLEANER = Cleaner.create();

    private ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
    private Path file;
    private OutputStream fileOut;
    private long size;

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (fileOut == null && memory.size() + length > MEMORY_THRESHOLD) {
            file = Files.createTempFile("mailgate-", ".eml");
            fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 65536);
            memory.writeTo(fileOut);
            memory = null;
        }
        if (fileOut != null) {
            fileOut.write(bytes, offset, length);
        } else {
            memory.write(bytes, offset, length);
        }
        size += length;
    }

    public long size() {
        return size;
    }

    /** Everything written, from {@code offset} on, as a body source. Closes this buffer for writing. */
    public BodySource toSource(long offset) throws IOException {
        if (fileOut == null) {
            byte[] all = memory.toByteArray();
            byte[] tail = java.util.Arrays.copyOfRange(all, (int) Math.min(offset, all.length), all.length);
            return new ByteArrayBodySource(tail);
        }
        fileOut.close();
        TempFileBody body = new TempFileBody(file, offset, size - offset);
        Path toDelete = file;
        CLEANER.register(body, () -> {
            try {
                Files.deleteIfExists(toDelete);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return body;
    }

    /** A new stream over everything written so far. */
    public InputStream open() throws IOException {
        if (fileOut == null) {
            return new java.io.ByteArrayInputStream(memory.toByteArray());
        }
        fileOut.flush();
        return new java.io.BufferedInputStream(Files.newInputStream(file), 65536);
    }

    private record TempFileBody(Path file, long start, long size) implements BodySource {
        @Override
        public InputStream open(long offset) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(start + offset);
            return new java.io.BufferedInputStream(Channels.newInputStream(channel), 65536);
        }
    }
}
