package oss.runtime.observe;

import java.util.List;

/**
 * What {@code ipcs -a} prints (util-linux): the System V message queues, shared-memory segments
 * and semaphore sets alive at one instant, for {@code oss run --show ipcs} at each snapshot and at
 * the end. The owner is the process that made the object (a run has no users); semaphore sets are
 * the scenario's {@code semset}s, declared rather than made, so their key is IPC_PRIVATE's 0.
 * After the tables come {@code ipcs -u} ({@link #summary()}) and {@code ipcs -l} ({@link #limits()}).
 */
public record IpcsView(List<Queue> queues, List<Segment> segments, List<SemaphoreSet> semaphores, long msgmax,
        long msgmnb) {
    public record Queue(int key, int msqid, String owner, long usedBytes, int messages) {}

    /**
     * {@code dest}: marked for removal (IPC_RMID) while still attached; {@code pages} its size in
     * pages, {@code resident} those in RAM now.
     */
    public record Segment(int key, int shmid, String owner, long bytes, int nattch, boolean dest, long pages,
            long resident) {}

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
        out.append('\n').append(summary()).append('\n').append(limits());
        return out.toString();
    }

    /**
     * {@code ipcs -u}, from what msgctl MSG_INFO, shmctl SHM_INFO and semctl SEM_INFO return: queues
     * (msgpool), messages queued (msgmap) and their bytes (msgtql); segments (used_ids), their
     * pages (shm_tot), those in RAM (shm_rss) and swapped (none: shmem pages here never leave
     * RAM); sets (semusz) and their semaphores (semaem).
     */
    public String summary() {
        long messages = 0;
        long bytes = 0;
        for (Queue q : queues) {
            messages += q.messages();
            bytes += q.usedBytes();
        }
        long pages = 0;
        long resident = 0;
        for (Segment s : segments) {
            pages += s.pages();
            resident += s.resident();
        }
        long sems = 0;
        for (SemaphoreSet s : semaphores) {
            sems += s.nsems();
        }
        return "------ Messages Status --------\n"
                + "allocated queues = " + queues.size() + "\n"
                + "used headers = " + messages + "\n"
                + "used space = " + bytes + " bytes\n"
                + "\n------ Shared Memory Status --------\n"
                + "segments allocated " + segments.size() + "\n"
                + "pages allocated " + pages + "\n"
                + "pages resident  " + resident + "\n"
                + "pages swapped   0\n"
                + "Swap performance: 0 attempts\t 0 successes\n"
                + "\n------ Semaphore Status --------\n"
                + "used arrays = " + semaphores.size() + "\n"
                + "allocated semaphores = " + sems + "\n";
    }

    /**
     * {@code ipcs -l}: msgmax and msgmnb are the scenario's ({@code kernel { msgmax ... msgmnb ... }}),
     * SEMVMX is enforced; the rest are Linux's defaults (ipc/namespace.c, include/uapi/linux/shm.h,
     * sem.h, msg.h since 3.19), which oss does not enforce. SHMMAX is ULONG_MAX - 2^24 bytes and
     * SHMALL as many pages: util-linux prints the first in KiB and, as SHMALL times the page
     * size overflows 64 bits, the largest multiple of the page size, in KiB.
     */
    public String limits() {
        return "------ Messages Limits --------\n"
                + "max queues system wide = 32000\n"
                + "max size of message (bytes) = " + msgmax + "\n"
                + "default max size of queue (bytes) = " + msgmnb + "\n"
                + "\n------ Shared Memory Limits --------\n"
                + "max number of segments = 4096\n"
                + "max seg size (kbytes) = 18014398509465599\n"
                + "max total shared memory (kbytes) = 18014398509481980\n"
                + "min seg size (bytes) = 1\n"
                + "\n------ Semaphore Limits --------\n"
                + "max number of arrays = 32000\n"
                + "max semaphores per array = 32000\n"
                + "max semaphores system wide = 1024000000\n"
                + "max ops per semop call = 500\n"
                + "semaphore max value = 32767\n";
    }
}
