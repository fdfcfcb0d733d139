/**
 * Signals (Linux's kernel/signal.c): their delivery, handlers, masks and SIGCHLD. Empty for now:
 * today the kernel only records the fatal signals memory faults raise (SIGSEGV, SIGBUS, SIGKILL)
 * on the task. Issue #14 builds the subsystem here, its system calls beside its objects and
 * reached through the kernel's {@code SyscallTable}.
 */
package oss.runtime.kernel.signal;
