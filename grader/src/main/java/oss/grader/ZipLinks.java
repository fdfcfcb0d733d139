package oss.grader;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The entries of a zip that are symbolic links. {@link java.util.zip.ZipFile} does not say: the
 * Unix mode is in the central directory's external attributes, read here. oss never extracts, so a
 * link entry could only ever be read as the text of its target's path, but it is refused all the
 * same: it says the student's directory pointed outside itself. A ZIP64 archive (over 4 GiB or
 * 65,535 entries) is not read for links; its entries are then only ever read as text.
 */
final class ZipLinks {
    private static final int EOCD = 0x06054b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int UNIX = 3;
    private static final int S_IFMT = 0xF000;
    private static final int S_IFLNK = 0xA000;
    private static final long MAX_DIRECTORY = 64L << 20;

    private ZipLinks() {}

    static Set<String> of(Path zip) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(zip.toFile(), "r")) {
            long length = f.length();
            int tail = (int) Math.min(length, 22 + 65_535);
            byte[] end = new byte[tail];
            f.seek(length - tail);
            f.readFully(end);
            for (int i = tail - 22; i >= 0; i--) {
                if (u32(end, i) == EOCD) {
                    long size = u32(end, i + 12);
                    long offset = u32(end, i + 16);
                    if (size == 0xFFFFFFFFL || offset == 0xFFFFFFFFL || size > MAX_DIRECTORY
                            || offset + size > length) {
                        return Set.of();
                    }
                    byte[] cd = new byte[(int) size];
                    f.seek(offset);
                    f.readFully(cd);
                    return links(cd);
                }
            }
            return Set.of();
        }
    }

    private static Set<String> links(byte[] cd) {
        Set<String> out = new HashSet<>();
        int p = 0;
        while (p + 46 <= cd.length && u32(cd, p) == CENTRAL) {
            int host = (cd[p + 5] & 0xFF);
            int nameLength = u16(cd, p + 28);
            int extra = u16(cd, p + 30);
            int comment = u16(cd, p + 32);
            long external = u32(cd, p + 38);
            if (p + 46 + nameLength > cd.length) {
                break;
            }
            if (host == UNIX && ((external >>> 16) & S_IFMT) == S_IFLNK) {
                out.add(new String(cd, p + 46, nameLength, StandardCharsets.UTF_8));
            }
            p += 46 + nameLength + extra + comment;
        }
        return out;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int i) {
        return (u16(b, i) | (long) u16(b, i + 2) << 16) & 0xFFFFFFFFL;
    }
}
