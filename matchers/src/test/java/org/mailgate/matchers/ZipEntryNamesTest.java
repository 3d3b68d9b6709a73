package org.mailgate.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ZipEntryNamesTest {

    private static byte[] zip(Charset charset, ZipEntry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, charset)) {
            for (ZipEntry entry : entries) {
                zip.putNextEntry(entry);
                zip.write(("content of " + entry.getName()).repeat(50).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(String... names) throws IOException {
        return zip(StandardCharsets.UTF_8, Arrays.stream(names).map(ZipEntry::new).toArray(ZipEntry[]::new));
    }

    @Test
    void listsTheEntriesInOrderWithUtf8Names() throws Exception {
        assertThat(ZipEntryNames.of(zip("a.txt", "dir/", "dir/ünïcödé.exe"))).containsExactly("a.txt", "dir/",
                "dir/ünïcödé.exe");
    }

    @Test
    void readsCp437NamesWrittenWithoutTheUtf8Flag() throws Exception {
        byte[] zip = zip(Charset.forName("IBM437"), new ZipEntry("café.txt"));

        assertThat(ZipEntryNames.of(zip)).containsExactly("café.txt");
    }

    @Test
    void prefersAUnicodePathFieldWhoseChecksumFitsTheName() throws Exception {
        ZipEntry fresh = new ZipEntry("old.txt");
        fresh.setExtra(unicodePath("old.txt", "nouveau.exe"));
        ZipEntry stale = new ZipEntry("kept.txt");
        stale.setExtra(unicodePath("renamed.txt", "ignored.exe"));

        assertThat(ZipEntryNames.of(zip(Charset.forName("IBM437"), fresh, stale)))
                .containsExactly("nouveau.exe", "kept.txt");
    }

    private static byte[] unicodePath(String nameItReplaces, String unicodeName) {
        byte[] utf8 = unicodeName.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(nameItReplaces.getBytes(StandardCharsets.US_ASCII));
        return ByteBuffer.allocate(4 + 5 + utf8.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x7075).putShort((short) (5 + utf8.length))
                .put((byte) 1).putInt((int) crc.getValue()).put(utf8).array();
    }

    @Test
    void readsAnArchiveWithDataInFrontAndACommentBehind() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("#!/bin/sh\nexec unzip \"$0\"\n".repeat(40).getBytes(StandardCharsets.US_ASCII));
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            // An empty end record (no entries) hidden in the comment must not hide the real directory.
            zip.setComment("fake: PK\u0005\u0006" + "\u0000".repeat(16) + "\u0001\u0000" + "xyz");
            zip.putNextEntry(new ZipEntry("payload.exe"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }

        assertThat(ZipEntryNames.of(bytes.toByteArray())).containsExactly("payload.exe");
    }

    @Test
    void readsAnArchiveFollowedByOtherBytes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(zip("first.txt", "second.exe"));
        bytes.write("-- trailing signature block, PK\u0005\u0006 included --".getBytes(StandardCharsets.UTF_8));

        assertThat(ZipEntryNames.of(bytes.toByteArray())).containsExactly("first.txt", "second.exe");
    }

    @Test
    void readsZip64Archives() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(0);
            for (int i = 0; i < 0xFFFF + 2; i++) {
                String name = Integer.toString(i, 36);
                names.add(name);
                zip.putNextEntry(new ZipEntry(name));
                zip.closeEntry();
            }
        }

        assertThat(ZipEntryNames.of(bytes.toByteArray())).isEqualTo(names);
    }

    @Test
    void refusesWhatIsNotAZipArchive() {
        assertThatThrownBy(() -> ZipEntryNames.of("just text, no archive".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(ZipException.class).hasMessageContaining("not a zip archive");
        assertThatThrownBy(() -> ZipEntryNames.of(new byte[0])).isInstanceOf(ZipException.class);
    }

    @Test
    void refusesADamagedDirectory() throws Exception {
        byte[] zip = zip("a.txt", "b.txt");
        byte[] truncated = Arrays.copyOfRange(zip, 0, zip.length - 60);
        byte[] cut = new byte[zip.length];
        System.arraycopy(zip, 0, cut, 0, zip.length);
        int directory = zip.length - 22 - (46 + 5) * 2;
        cut[directory] = 'X';

        assertThatThrownBy(() -> ZipEntryNames.of(truncated)).isInstanceOf(ZipException.class);
        assertThatThrownBy(() -> ZipEntryNames.of(cut)).isInstanceOf(ZipException.class)
                .hasMessageContaining("damaged central directory at entry 1 of 2");
    }
}
