package oss.runtime.kernel.fs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import oss.runtime.observe.DfView;
import oss.runtime.observe.DuView;

/**
 * What {@code df} and {@code du} would print for the simulated file system: df from the super
 * block's counts, du by walking the tree of names. The two differ by what has no name: an unlinked
 * file still open is counted by df (its blocks are allocated) and by no du.
 */
public final class DiskUsage {
    private DiskUsage() {}

    /** {@code views} with {@code df} and {@code du} added, when the tree holds more than its root. */
    public static Map<String, String> addTo(Map<String, String> views, Vfs vfs) {
        if (vfs.tree().size() > 1 || vfs.superBlock().usedInodes() > 1) {
            views.put("df", df(vfs).text());
            views.put("du", du(vfs).text());
        }
        return views;
    }

    public static DfView df(Vfs vfs) {
        SuperBlock sb = vfs.superBlock();
        return new DfView(sb.device(), SuperBlock.BLOCK_SIZE, sb.blocks, sb.usedBlocks(), sb.inodes, sb.usedInodes(),
                "/");
    }

    public static DuView du(Vfs vfs) {
        Map<String, List<String>> children = new TreeMap<>();
        for (String path : vfs.tree().keySet()) {
            if (!path.equals("/")) {
                children.computeIfAbsent(Namei.parent(path), p -> new ArrayList<>()).add(path);
            }
        }
        List<DuView.Row> rows = new ArrayList<>();
        walk("/", vfs, children, new HashSet<>(), rows);
        return new DuView(rows);
    }

    /** Post-order, as du prints: the KiB under {@code path}; bounded by the names in the tree, each met once. */
    private static long walk(String path, Vfs vfs, Map<String, List<String>> children, Set<Long> seen,
            List<DuView.Row> rows) {
        Inode i = vfs.tree().get(path);
        if (!seen.add(i.ino)) {
            return 0;
        }
        long kib = i.blocks() * (SuperBlock.BLOCK_SIZE / 1024);
        for (String c : children.getOrDefault(path, List.of())) {
            kib += walk(c, vfs, children, seen, rows);
        }
        rows.add(new DuView.Row(kib, path));
        return kib;
    }
}
