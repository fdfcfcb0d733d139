package oss.runtime.kernel.mm.malloc;

/**
 * A live block for the leak report.
 *
 * @param address the user address malloc returned
 * @param size the number of bytes the program asked for (not the rounded chunk size)
 * @param mmapped served by its own mmap rather than from the heap
 */
public record Block(long address, long size, boolean mmapped) {}
