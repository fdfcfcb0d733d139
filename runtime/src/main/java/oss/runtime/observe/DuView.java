package oss.runtime.observe;

import java.util.List;

/**
 * {@code du -a /}: every file and directory with the space its blocks take, in KiB (du's default
 * 1024-byte units: st_blocks / 2), a directory's count including everything under it, children
 * before their directory as du walks. A second name of an inode already counted is left out, as du
 * leaves hard links out; a name is listed in path order where du follows the directory's order.
 */
public record DuView(List<Row> rows) {
    public record Row(long kib, String path) {}

    public DuView {
        rows = List.copyOf(rows);
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        for (Row r : rows) {
            out.append(r.kib()).append('\t').append(r.path()).append('\n');
        }
        return out.toString();
    }
}
