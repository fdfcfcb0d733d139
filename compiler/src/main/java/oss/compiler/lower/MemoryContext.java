package oss.compiler.lower;

import java.util.List;
import oss.ir.program.FileDecl;
import oss.ir.program.LibraryDecl;
import oss.ir.program.MachineConfig;

/**
 * What the memory statements of a body are checked against: the machine, the declared files and libraries,
 * and the sizes every {@code shmget} of the scenario asks for.
 */
record MemoryContext(MachineConfig machine, List<FileDecl> files, List<LibraryDecl> libraries, ShmKeys shmKeys) {
    MemoryContext(MachineConfig machine, List<FileDecl> files, List<LibraryDecl> libraries) {
        this(machine, files, libraries, ShmKeys.NONE);
    }

    long pageSize() {
        return machine.pageSize();
    }

    int addressBits() {
        return machine.memory().paging().addressBits;
    }

    long userTop() {
        return machine.memory().paging().userTop;
    }
}
