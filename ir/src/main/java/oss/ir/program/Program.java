package oss.ir.program;

import java.util.List;
import java.util.Optional;

/**
 * What the compiler hands the runtime: a closed, name-resolved description
 * of one scenario. Ops refer to mutexes, semaphores and resources by their
 * index in these lists.
 */
public record Program(
        String title,
        MachineConfig machine,
        KernelConfig kernel,
        List<MutexDecl> mutexes,
        List<SemaphoreDecl> semaphores,
        List<ResourceDecl> resources,
        List<ProcessDef> processes,
        Optional<BankerTable> banker,
        List<FileDecl> files,
        List<LibraryDecl> libraries,
        SyncObjects sync,
        SharedData data,
        List<DeviceDecl> devices) {

    /** A program without devices (docs/language.md, "The five I/O models"). */
    public Program(String title, MachineConfig machine, KernelConfig kernel, List<MutexDecl> mutexes,
            List<SemaphoreDecl> semaphores, List<ResourceDecl> resources, List<ProcessDef> processes,
            Optional<BankerTable> banker, List<FileDecl> files, List<LibraryDecl> libraries, SyncObjects sync,
            SharedData data) {
        this(title, machine, kernel, mutexes, semaphores, resources, processes, banker, files, libraries, sync, data,
                List.of());
    }

    /** A program without shared data. */
    public Program(String title, MachineConfig machine, KernelConfig kernel, List<MutexDecl> mutexes,
            List<SemaphoreDecl> semaphores, List<ResourceDecl> resources, List<ProcessDef> processes,
            Optional<BankerTable> banker, List<FileDecl> files, List<LibraryDecl> libraries, SyncObjects sync) {
        this(title, machine, kernel, mutexes, semaphores, resources, processes, banker, files, libraries, sync,
                SharedData.NONE);
    }

    /** A program with only mutexes and semaphores for synchronisation. */
    public Program(String title, MachineConfig machine, KernelConfig kernel, List<MutexDecl> mutexes,
            List<SemaphoreDecl> semaphores, List<ResourceDecl> resources, List<ProcessDef> processes,
            Optional<BankerTable> banker, List<FileDecl> files, List<LibraryDecl> libraries) {
        this(title, machine, kernel, mutexes, semaphores, resources, processes, banker, files, libraries,
                SyncObjects.NONE);
    }

    /** A program without files or libraries. */
    public Program(String title, MachineConfig machine, KernelConfig kernel, List<MutexDecl> mutexes,
            List<SemaphoreDecl> semaphores, List<ResourceDecl> resources, List<ProcessDef> processes,
            Optional<BankerTable> banker) {
        this(title, machine, kernel, mutexes, semaphores, resources, processes, banker, List.of(), List.of());
    }
}
