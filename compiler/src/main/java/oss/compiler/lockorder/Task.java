package oss.compiler.lockorder;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import oss.ir.program.Op;

/**
 * One task as far as the analysis can tell: a declared process, or a child
 * a fork, vfork, thread or clone starts. {@code capacity} is how many such
 * tasks can run at once: 1 for a process, more for a child started inside a
 * {@code repeat} (each pass starts another one).
 */
final class Task {
    final int id;
    final String name;
    final int capacity;
    /** The thread group whose memory the task shares: its own id, or its parent's for a thread. */
    final int group;
    /** The declared process the task descends from (itself for one). */
    final int root;
    /** The child-starting statements of this task already analysed (a loop body is walked more than once). */
    final Set<Op> started = Collections.newSetFromMap(new IdentityHashMap<>());

    Task(int id, String name, int capacity) {
        this(id, name, capacity, id);
    }

    Task(int id, String name, int capacity, int group) {
        this(id, name, capacity, group, id);
    }

    Task(int id, String name, int capacity, int group, int root) {
        this.root = root;
        this.group = group;
        this.id = id;
        this.name = name;
        this.capacity = capacity;
    }

    @Override
    public String toString() {
        return name;
    }
}
