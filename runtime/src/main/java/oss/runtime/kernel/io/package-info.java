/**
 * The I/O models (docs/language.md, "The five I/O models"): character devices whose data arrives
 * on its own ({@link oss.runtime.kernel.io.CharDevice}, a driver's buffer and wait queue) and the
 * calls on them ({@link oss.runtime.kernel.io.DeviceCalls}: open, read and write of a device, reached
 * through the descriptor calls of {@code kernel.fs}, and a delivery's arrival, an event of the run).
 */
package oss.runtime.kernel.io;
