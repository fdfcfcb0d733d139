/**
 * Shared data in a run (docs/language.md, "Shared data", "Memory models", "Data races"):
 * {@link oss.runtime.kernel.data.DataCalls} handles the data ops and hears from the rest of the
 * kernel (a system call, fork, exit, reaping, a wake-up, a context switch);
 * {@code MemoryOrder} is memory under sc, tso or relaxed with a store buffer per task
 * ({@link oss.runtime.hw.StoreBuffer}); {@code RaceDetector} finds data races with vector clocks;
 * {@code BusyWait} parks loops whose rounds change nothing. Handlers reach the core through
 * {@link oss.runtime.kernel.data.DataHost}, a {@link oss.runtime.kernel.Core} with CPU time for a step.
 */
package oss.runtime.kernel.data;
