package org.mailgate.matchers;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipException;

/**
 * The entry names of a zip archive, read from its central directory (the list unzip tools show)
 * without inflating anything, so an archive that expands to gigabytes costs no more than its size.
 * Handles ZIP64 archives, data prepended to the archive (self-extractors), UTF-8 names (flag bit 11
 * or the Info-ZIP Unicode path field) and CP437 names.
 */
final class ZipEntryNames {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_LENGTH = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_LOCATOR_LENGTH = 20;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int ZIP64_END_LENGTH = 56;
    private static final int ENTRY_SIGNATURE = 0x02014b50;
    private static final int ENTRY_LENGTH = 46;
    private static final int UTF8_FLAG = 1 << 11;
    private static final int UNICODE_PATH_FIELD = 0x7075;
    private static final Charset CP437 = Charset.isSupported("IBM437") ? Charset.forName("IBM437")
            : StandardCharsets.ISO_8859_1;

    private final byte[] zip;

    private ZipEntryNames(byte[] zip) {
        this.zip = zip;
    }

    /**
     * The names of the entries, in directory order.
     *
     * @throws ZipException if {@code zip} is not a zip archive or its directory is damaged
     */
    static List<String> of(byte[] zip) throws ZipException {
        return new ZipEntryNames(zip).read();
    }

    private List<String> read() throws ZipException {
        return directory(findEnd());
    }

    /**
     * As java.util.zip.ZipFile finds it: the end record nearest the end of the data whose comment
     * reaches the end exactly or, when bytes follow it, whose directory starts where it says. Each
     * candidate costs a constant check, so a comment full of false end records cannot make this slow.
     */
    private int findEnd() throws ZipException {
        int lowest = Math.max(0, zip.length - END_LENGTH - MAX_COMMENT);
        for (int end = zip.length - END_LENGTH; end >= lowest; end--) {
            if (u32(end) != END_SIGNATURE) {
                continue;
            }
            int reach = end + END_LENGTH + u16(end + 20);
            if (reach == zip.length || reach < zip.length && startsDirectory(end)) {
                return end;
            }
        }
        throw new ZipException("no end of central directory record: not a zip archive");
    }

    private boolean startsDirectory(int end) {
        long size = u32(end + 12);
        long start = end - size;
        return size > 0 && size != 0xFFFFFFFFL && start >= 0 && u32((int) start) == ENTRY_SIGNATURE;
    }

    private List<String> directory(int end) throws ZipException {
        long count = u16(end + 10);
        long size = u32(end + 12);
        int directoryEnd = end;
        if (count == 0xFFFF || size == 0xFFFFFFFFL) {
            int zip64End = findZip64End(end);
            if (zip64End >= 0) {
                count = u64(zip64End + 32);
                size = u64(zip64End + 40);
                directoryEnd = zip64End;
            }
        }
        if (count < 0 || size < 0 || size > directoryEnd) {
            throw new ZipException("central directory larger than the archive");
        }
        // The directory ends where the end record starts: trusting that rather than the recorded
        // offset also reads archives with data in front of them.
        int position = directoryEnd - (int) size;
        List<String> names = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            if (position + ENTRY_LENGTH > directoryEnd || u32(position) != ENTRY_SIGNATURE) {
                throw new ZipException("damaged central directory at entry " + (i + 1) + " of " + count);
            }
            int flags = u16(position + 8);
            int nameLength = u16(position + 28);
            int extraLength = u16(position + 30);
            int commentLength = u16(position + 32);
            int name = position + ENTRY_LENGTH;
            int next = name + nameLength + extraLength + commentLength;
            if (next > directoryEnd) {
                throw new ZipException("damaged central directory at entry " + (i + 1) + " of " + count);
            }
            names.add(name(flags, name, nameLength, name + nameLength, extraLength));
            position = next;
        }
        if (position != directoryEnd) {
            throw new ZipException("central directory holds more than its " + count + " entries");
        }
        return names;
    }

    private String name(int flags, int start, int length, int extra, int extraLength) {
        if ((flags & UTF8_FLAG) != 0) {
            return new String(zip, start, length, StandardCharsets.UTF_8);
        }
        CRC32 crc = new CRC32();
        crc.update(zip, start, length);
        int field = extra;
        while (field + 4 <= extra + extraLength) {
            int id = u16(field);
            int size = u16(field + 2);
            int data = field + 4;
            if (data + size > extra + extraLength) {
                break;
            }
            // Version 1, then the CRC-32 of the name it replaces (stale if the name changed since), then UTF-8.
            if (id == UNICODE_PATH_FIELD && size > 5 && zip[data] == 1 && u32(data + 1) == crc.getValue()) {
                return new String(zip, data + 5, size - 5, StandardCharsets.UTF_8);
            }
            field = data + size;
        }
        return new String(zip, start, length, CP437);
    }

    /** The ZIP64 end record, found through its locator just before the end record; -1 if none. */
    private int findZip64End(int end) throws ZipException {
        int locator = end - ZIP64_LOCATOR_LENGTH;
        if (locator < 0 || u32(locator) != ZIP64_LOCATOR_SIGNATURE) {
            return -1;
        }
        long recorded = u64(locator + 8);
        if (recorded >= 0 && recorded <= locator - ZIP64_END_LENGTH && u32((int) recorded) == ZIP64_END_SIGNATURE) {
            return (int) recorded;
        }
        // With data in front of the archive the recorded offset is short; the record usually sits just before the locator.
        int adjacent = locator - ZIP64_END_LENGTH;
        if (adjacent >= 0 && u32(adjacent) == ZIP64_END_SIGNATURE) {
            return adjacent;
        }
        throw new ZipException("ZIP64 end of central directory record not found");
    }

    private int u16(int at) {
        return (zip[at] & 0xFF) | (zip[at + 1] & 0xFF) << 8;
    }

    private long u32(int at) {
        return (u16(at) | (long) u16(at + 2) << 16) & 0xFFFFFFFFL;
    }

    private long u64(int at) {
        return u32(at) | u32(at + 4) << 32;
    }
}
