package oss.compiler.lower;

import java.util.List;
import oss.runtime.program.FileDecl;
import oss.runtime.program.MachineConfig;

/** What the memory statements of a body are checked against: the machine and the declared files. */
record MemoryContext(MachineConfig machine, List<FileDecl> files) {
    long pageSize() {
        return machine.pageSize();
    }

    long userTop() {
        return machine.memory().paging().userTop;
    }
}
