package oss.runtime.kernel.fs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeMap;

/**
 * Path walking (fs/namei.c): a path, absolute or relative to the current directory, one name at a
 * time through the dentry cache. Symbolic links are followed in the middle of a path always and at
 * its end when asked (open and stat follow, lstat, unlink and link do not), at most 40 in one walk
 * (MAXSYMLINKS: ELOOP after that). ".." goes to the parent of the directory reached so far, as the
 * kernel does, not to the parent of the name as written.
 */
final class Namei {
    /** MAXSYMLINKS in include/linux/namei.h. */
    static final int MAX_LINKS = 40;

    /**
     * What a walk found: {@code path} is the last name's canonical absolute path, {@code inode}
     * what it names (null when the name does not exist but its directory does, so a create may
     * make it); {@code error} is set, with errno first, when the walk could not get that far.
     */
    record Walk(String path, Inode inode, String error) {
        boolean failed() {
            return error != null;
        }
    }

    private Namei() {
    }

    static Walk walk(String path, String cwd, boolean followLast, TreeMap<String, Inode> tree, Dcache dcache) {
        if (path.isEmpty()) {
            return new Walk("", null, "ENOENT: the path is empty");
        }
        Deque<String> left = new ArrayDeque<>();
        push(left, path);
        String at = path.startsWith("/") ? "/" : cwd;
        int links = 0;
        Inode atInode = dcache.lookup(at, tree).inode();
        // each turn takes one name off, or puts a link's names on (at most MAX_LINKS times): bounded
        while (!left.isEmpty()) {
            String name = left.pop();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (atInode == null || atInode.type != Inode.Type.DIRECTORY) {
                return new Walk(at, null, "ENOTDIR: \"" + at + "\" is not a directory");
            }
            if (name.equals("..")) {
                at = parent(at);
                atInode = dcache.lookup(at, tree).inode();
                continue;
            }
            String next = join(at, name);
            Inode i = dcache.lookup(next, tree).inode();
            boolean last = rest(left);
            if (i == null) {
                return last ? new Walk(next, null, null)
                        : new Walk(next, null, "ENOENT: \"" + next + "\" does not exist");
            }
            if (i.type == Inode.Type.SYMLINK && (!last || followLast)) {
                if (++links > MAX_LINKS) {
                    return new Walk(next, null, "ELOOP: more than " + MAX_LINKS + " symbolic links in the path");
                }
                push(left, i.target);
                if (i.target.startsWith("/")) {
                    at = "/";
                    atInode = dcache.lookup(at, tree).inode();
                }
                continue;
            }
            at = next;
            atInode = i;
        }
        return new Walk(at, atInode, null);
    }

    /** Whether nothing but "" and "." is left to walk. */
    private static boolean rest(Deque<String> left) {
        for (String s : left) {
            if (!s.isEmpty() && !s.equals(".")) {
                return false;
            }
        }
        return true;
    }

    private static void push(Deque<String> left, String path) {
        String[] names = path.split("/", -1);
        for (int i = names.length - 1; i >= 0; i--) {
            left.push(names[i]);
        }
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static String join(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    /** The last name of a canonical path ("" for the root). */
    static String base(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
