package oss.grader.autograder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A zip written byte by byte, because {@link java.util.zip.ZipOutputStream} can set neither a
 * file's unix mode (Gradescope runs {@code run_autograder} as it finds it: it must be executable
 * when unzipped) nor keep its own clock out of the entries. Every entry has the same fixed
 * timestamp and entries stay in the order added, so the same files give the same bytes.
 */
final class ZipWriter {
    /** 1980-01-01 00:00:00, the first instant a zip's MS-DOS date can hold. */
    static final int DOS_DATE = (1 << 5) | 1;
    static final int DOS_TIME = 0;
    static final int EXECUTABLE = 0100755;
    static final int REGULAR = 0100644;

    private static final int VERSION_NEEDED = 20;
    /** The high byte 3 says "made on unix": unzippers then read the mode from the external attributes. */
    private static final int VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
    private static final int UTF8_NAMES = 1 << 11;

    private record Written(byte[] name, int method, long crc, long compressed, long size, int mode, long offset) {}

    private final OutputStream out;
    private final List<Written> written = new ArrayList<>();
    private long offset;

    ZipWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Adds a file. An already compressed one (a jar) is stored as it is: deflating it again saves
     * little and would make the biggest entry depend on the zlib at hand.
     */
    void add(String name, byte[] content, int mode, boolean compress) throws IOException {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.endsWith("/")) {
            throw new IllegalArgumentException("not a relative file name: " + name);
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(content);
        byte[] data = compress ? deflate(content) : content;
        int method = compress ? 8 : 0;
        long at = offset;
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        int32(h, 0x04034b50);
        int16(h, VERSION_NEEDED);
        int16(h, UTF8_NAMES);
        int16(h, method);
        int16(h, DOS_TIME);
        int16(h, DOS_DATE);
        int32(h, crc.getValue());
        int32(h, data.length);
        int32(h, content.length);
        int16(h, nameBytes.length);
        int16(h, 0);
        h.write(nameBytes);
        write(h.toByteArray());
        write(data);
        written.add(new Written(nameBytes, method, crc.getValue(), data.length, content.length, mode, at));
    }

    /** The central directory and its end record; the stream is left open. */
    void finish() throws IOException {
        long start = offset;
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        for (Written w : written) {
            int32(c, 0x02014b50);
            int16(c, VERSION_MADE_BY);
            int16(c, VERSION_NEEDED);
            int16(c, UTF8_NAMES);
            int16(c, w.method);
            int16(c, DOS_TIME);
            int16(c, DOS_DATE);
            int32(c, w.crc);
            int32(c, w.compressed);
            int32(c, w.size);
            int16(c, w.name.length);
            int16(c, 0);
            int16(c, 0);
            int16(c, 0);
            int16(c, 0);
            int32(c, (long) w.mode << 16);
            int32(c, w.offset);
            c.write(w.name);
        }
        write(c.toByteArray());
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int32(e, 0x06054b50);
        int16(e, 0);
        int16(e, 0);
        int16(e, written.size());
        int16(e, written.size());
        int32(e, offset - start);
        int32(e, start);
        int16(e, 0);
        write(e.toByteArray());
        out.flush();
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        offset += b.length;
        if (offset > 0xFFFF_FFFFL || written.size() >= 0xFFFF) {
            throw new IOException("the autograder zip would need zip64 (over 4 GiB or 65,535 files)");
        }
    }

    private static byte[] deflate(byte[] content) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            d.setInput(content);
            d.finish();
            ByteArrayOutputStream o = new ByteArrayOutputStream(Math.max(64, content.length / 2));
            byte[] buf = new byte[8192];
            while (!d.finished()) {
                o.write(buf, 0, d.deflate(buf));
            }
            return o.toByteArray();
        } finally {
            d.end();
        }
    }

    private static void int16(ByteArrayOutputStream o, int v) {
        o.write(v & 0xFF);
        o.write((v >>> 8) & 0xFF);
    }

    private static void int32(ByteArrayOutputStream o, long v) {
        int16(o, (int) (v & 0xFFFF));
        int16(o, (int) ((v >>> 16) & 0xFFFF));
    }
}
