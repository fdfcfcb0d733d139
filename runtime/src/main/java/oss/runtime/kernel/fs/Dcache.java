package oss.runtime.kernel.fs;

import java.util.TreeMap;

/**
 * The dentry cache (fs/dcache.c): every lookup of a name goes through it. The file system starts
 * with nothing cached, as after a boot: the first lookup of a path is a miss (d_alloc, then the
 * directory is read), later ones hit, negative entries included. Names made or removed by a call
 * update their entry (d_instantiate, d_delete), so the cache never disagrees with the tree.
 * Entries are never evicted: a scenario touches far fewer names than any cache holds.
 */
public final class Dcache {
    private final TreeMap<String, Dentry> cached = new TreeMap<>();
    private long hits;
    private long misses;

    /** The entry for {@code path}, looked up in {@code tree} on a miss. */
    Dentry lookup(String path, TreeMap<String, Inode> tree) {
        Dentry d = cached.get(path);
        if (d != null) {
            hits++;
            return d;
        }
        misses++;
        d = new Dentry(path, tree.get(path));
        cached.put(path, d);
        return d;
    }

    /** A name was made, removed or pointed elsewhere: its entry now says so. */
    void update(String path, Inode inode) {
        cached.put(path, new Dentry(path, inode));
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }
}
