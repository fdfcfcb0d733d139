/**
 * Locking (Linux's kernel/locking, plus the pthread-level condition variables and barriers):
 * each primitive's object (Mutex, Semaphore, SpinLock, RwLock, SeqLock, CondVar, Barrier) beside
 * the handler of its system calls ({@code MutexCalls}, ...); {@link oss.runtime.kernel.locking.Locking}
 * builds them from the program and answers for all of them when a task sleeps, exits or is killed.
 * Handlers reach the core kernel only through {@link oss.runtime.kernel.Core}.
 */
package oss.runtime.kernel.locking;
