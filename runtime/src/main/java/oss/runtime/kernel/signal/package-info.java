/**
 * Signals (Linux's kernel/signal.c): pending and blocked sets, dispositions, delivery on the way
 * back to user mode, handlers run as bodies of the task, SIGCHLD, stop and continue, alarm.
 * Reached through the kernel's {@code SyscallTable} and {@code Core.sendSignal}; it reaches the
 * core through {@link oss.runtime.kernel.signal.SignalHost}. docs/architecture.md, "Interrupted
 * sleeps".
 */
package oss.runtime.kernel.signal;
