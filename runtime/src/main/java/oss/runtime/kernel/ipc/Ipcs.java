package oss.runtime.kernel.ipc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import oss.ir.program.SyncObjects.SemSetDecl;
import oss.runtime.kernel.Task;
import oss.runtime.kernel.mm.MemoryManager;
import oss.runtime.observe.IpcsView;

/**
 * The {@code ipcs -a} view of the run's System V objects now: the queues of {@link MsgCalls},
 * the segments of {@link ShmCalls} (none before the first shmget) and the scenario's semaphore
 * sets, each owned by the process that made it (a declared {@code semset} is made by no process:
 * its name stands in the owner column).
 */
public final class Ipcs {
    private Ipcs() {}

    /** {@code views} with the {@code ipcs} view added when there is any System V object. */
    public static java.util.Map<String, String> addTo(java.util.Map<String, String> views, MsgCalls msgs, ShmCalls shm,
            List<SemSetDecl> semsets, IntFunction<Task> tasks) {
        IpcsView v = of(msgs, shm, semsets, tasks);
        if (!v.isEmpty()) {
            views.put("ipcs", v.text());
        }
        return views;
    }

    public static IpcsView of(MsgCalls msgs, ShmCalls shm, List<SemSetDecl> semsets, IntFunction<Task> tasks) {
        List<IpcsView.Queue> queues = new ArrayList<>();
        for (MsgQueue q : msgs.queues()) {
            queues.add(new IpcsView.Queue(q.key, q.id, q.owner, q.cbytes, q.messages.size()));
        }
        List<IpcsView.Segment> segments = new ArrayList<>();
        if (shm != null) {
            for (ShmSegment s : shm.segments()) {
                Task creator = s.creatorPid > 0 ? tasks.apply(s.creatorPid) : null;
                // IPC_RMID sets the key to IPC_PRIVATE (do_shm_rmid): ipcs -m shows 0x00000000 beside "dest"
                long pages = (s.bytes + MemoryManager.PAGE_SIZE - 1) / MemoryManager.PAGE_SIZE;
                segments.add(new IpcsView.Segment(s.removed() ? 0 : s.key, s.id, creator == null ? "-" : creator.comm, s.bytes,
                        shm.nattch(s), s.removed(), pages, shm.residentPages(s)));
            }
        }
        List<IpcsView.SemaphoreSet> sets = new ArrayList<>();
        for (int i = 0; i < semsets.size(); i++) {
            sets.add(new IpcsView.SemaphoreSet(0, i, semsets.get(i).name(), semsets.get(i).initial().length));
        }
        return new IpcsView(queues, segments, sets, msgs.limits().msgmax(), msgs.limits().msgmnb());
    }
}
