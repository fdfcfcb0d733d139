package oss.runtime.kernel.ipc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One kind of System V object of the run's IPC namespace (Linux's {@code struct ipc_ids}: one for
 * queues, one for segments, one for semaphore sets): keys to ids, ids to objects. An id is
 * {@code seq * 32768 + index}, as ipc_idr_alloc makes it, the sequence number growing with every
 * object made, so a removed queue's id is not soon handed out again. Key 0 is IPC_PRIVATE: always
 * a new object, never found by its key.
 */
public final class IpcNamespace<T> {
    /** IPCMNI: the index part of an id. */
    static final int SEQ_MULTIPLIER = 32768;

    private final Map<Integer, Integer> idByKey = new TreeMap<>();
    private final Map<Integer, T> byId = new TreeMap<>();
    private final List<Boolean> usedIndex = new ArrayList<>();
    private int seq;

    /** The id of the live object of {@code key}, or -1 (always -1 for IPC_PRIVATE). */
    public int find(int key) {
        return key == 0 ? -1 : idByKey.getOrDefault(key, -1);
    }

    /** Makes and registers a new object under {@code key}: {@code make} gets its id. */
    public T add(int key, java.util.function.IntFunction<T> make) {
        int index = usedIndex.indexOf(Boolean.FALSE);
        if (index < 0) {
            index = usedIndex.size();
            usedIndex.add(Boolean.TRUE);
        } else {
            usedIndex.set(index, Boolean.TRUE);
        }
        int id = (seq++ % SEQ_MULTIPLIER) * SEQ_MULTIPLIER + index;
        if (key != 0) {
            idByKey.put(key, id);
        }
        T object = make.apply(id);
        byId.put(id, object);
        return object;
    }

    /** The live object of {@code id}, or null (never made, or removed). */
    public T get(long id) {
        return id < 0 || id > Integer.MAX_VALUE ? null : byId.get((int) id);
    }

    /** IPC_RMID: the key and the id are free again. */
    public void remove(int key, int id) {
        if (byId.remove(id) != null) {
            usedIndex.set(id % SEQ_MULTIPLIER, Boolean.FALSE);
            if (key != 0 && idByKey.getOrDefault(key, -1) == id) {
                idByKey.remove(key);
            }
        }
    }

    /** The live objects by id, as ipcs lists them. */
    public List<T> all() {
        return List.copyOf(byId.values());
    }
}
