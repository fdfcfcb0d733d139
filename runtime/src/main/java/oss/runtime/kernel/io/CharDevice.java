package oss.runtime.kernel.io;

import oss.ir.program.DeviceDecl;
import oss.runtime.kernel.locking.WaitQueue;

/**
 * One character device a {@code device} line declares: what its driver holds between an arrival
 * and a read (a receive queue, as a socket's sk_receive_queue or a tty's input buffer), and who
 * sleeps in read(2) until more arrives. Reads take from one stream, so two deliveries not yet read
 * are read as one when the read asks for enough (a byte stream keeps no boundaries).
 */
public final class CharDevice extends IoFile {
    /** Its index in the program's devices, the {@code Task.blockerIndex} of a reader asleep on it. */
    public final int id;
    public final DeviceDecl decl;
    /** Deliveries readable so far. */
    int arrived;
    /** Bytes arrived and not yet read. */
    long buffered;
    /** Bytes read from it by every task, for views and tests. */
    long readTotal;
    /** Readers asleep until data arrives or the last delivery is read. */
    final WaitQueue readWait = new WaitQueue();
    /** Tasks asleep in select or poll with this device in their set (its poll wait queue). */
    final WaitQueue pollWait = new WaitQueue();
    /** The epoll items watching it (epitem on the file's f_ep list), in the order they were added. */
    final java.util.List<EventPoll.Item> watchers = new java.util.ArrayList<>();
    /** F_SETOWN owners of an open file of it with O_ASYNC: pid to the fcntl that set it, for SIGIO. */
    final java.util.TreeMap<Integer, oss.ir.program.Span> owners = new java.util.TreeMap<>();
    /** aio requests waiting for its data, oldest first. */
    final java.util.ArrayDeque<AioRequest> aio = new java.util.ArrayDeque<>();

    CharDevice(int id, DeviceDecl decl) {
        this.id = id;
        this.decl = decl;
    }

    @Override
    public String describe(boolean nonblock) {
        return "\"" + path() + "\" (character device" + (nonblock ? ", O_NONBLOCK" : "") + ")";
    }

    @Override
    public String path() {
        return decl.path();
    }

    /** Every delivery has arrived: once the buffer is empty too, a read returns 0 (end of file). */
    boolean allArrived() {
        return arrived == decl.sendNs().size();
    }

    /** Bytes a read would get now, for readiness (POLLIN) and tests. */
    public long readable() {
        return buffered;
    }

    /** Read would not block: data, or end of file (poll(2): POLLIN or POLLHUP). */
    public boolean ready() {
        return buffered > 0 || allArrived();
    }
}
