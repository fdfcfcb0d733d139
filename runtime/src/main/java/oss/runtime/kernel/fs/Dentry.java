package oss.runtime.kernel.fs;

/**
 * A directory entry in the dentry cache (struct dentry): a path's last name and the inode it
 * names, or none (a negative dentry: the lookup found nothing, which is cached too, so a second
 * failing lookup is a hit as well).
 */
public record Dentry(String path, Inode inode) {
    public boolean negative() {
        return inode == null;
    }
}
