package oss.runtime.kernel.io;

/**
 * What an open file of {@code kernel.io} is behind: a declared device ({@link CharDevice}) or an
 * epoll instance ({@link EventPoll}), as a struct file's f_op points at a driver or at eventpoll.
 */
public abstract class IoFile {
    /** The name lsof and /proc/PID/fd show: the device's path, "anon_inode:[eventpoll]" for epoll. */
    public abstract String path();

    /** "\"/dev/net0\" (character device)", in the run's words. */
    public abstract String describe(boolean nonblock);
}
