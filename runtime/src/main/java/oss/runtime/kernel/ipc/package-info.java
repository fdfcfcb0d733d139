/**
 * Inter-process communication (Linux's ipc/): System V semaphore sets and semop today; pipes,
 * FIFOs, message queues and shared memory segments join them here (issue #14), each with its
 * system calls beside its objects, reached through the kernel's {@code SyscallTable}.
 */
package oss.runtime.kernel.ipc;
