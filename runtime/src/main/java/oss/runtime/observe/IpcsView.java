package oss.runtime.observe;

import java.util.List;

/**
 * What {@code ipcs -a} prints (util-linux): the System V message queues, shared-memory segments
 * and semaphore sets alive at one instant, for {@code oss run --show ipcs} at each snapshot and at
 * the end. The owner is the process that made the object (a run has no users); semaphore sets are
 * the scenario's {@code semset}s, declared rather than made, so their key is IPC_PRIVATE's 0.
 */
public record IpcsView(List<Queue> queues, List<Segment> segments, List<SemaphoreSet> semaphores) {
    public record Queue(int key, int msqid, String owner, long usedBytes, int messages) {}

    /** {@code dest}: marked for removal (IPC_RMID) while still attached. */
    public record Segment(int key, int shmid, String owner, long bytes, int nattch, boolean dest) {}

    public record SemaphoreSet(int key, int semid, String owner, int nsems) {}

    public IpcsView {
        queues = List.copyOf(queues);
        segments = List.copyOf(segments);
        semaphores = List.copyOf(semaphores);
    }

    public boolean isEmpty() {
        return queues.isEmpty() && segments.isEmpty() && semaphores.isEmpty();
    }

    /** As ipcs -a lays it out, the perms column left out (a run has no permissions). */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("------ Message Queues --------\n");
        out.append(String.format("%-10s %-10s %-16s %-12s %s%n", "key", "msqid", "owner", "used-bytes", "messages"));
        for (Queue q : queues) {
            out.append(String.format("0x%08x %-10d %-16s %-12d %d%n", q.key(), q.msqid(), q.owner(), q.usedBytes(),
                    q.messages()));
        }
        out.append("\n------ Shared Memory Segments --------\n");
        out.append(String.format("%-10s %-10s %-16s %-10s %-10s %s%n", "key", "shmid", "owner", "bytes", "nattch",
                "status"));
        for (Segment s : segments) {
            out.append(String.format("0x%08x %-10d %-16s %-10d %-10d %s%n", s.key(), s.shmid(), s.owner(), s.bytes(),
                    s.nattch(), s.dest() ? "dest" : "").stripTrailing()).append('\n');
        }
        out.append("\n------ Semaphore Arrays --------\n");
        out.append(String.format("%-10s %-10s %-16s %s%n", "key", "semid", "owner", "nsems"));
        for (SemaphoreSet s : semaphores) {
            out.append(String.format("0x%08x %-10d %-16s %d%n", s.key(), s.semid(), s.owner(), s.nsems()));
        }
        return out.toString();
    }
}
