package oss.runtime.kernel.mm.malloc;

/**
 * The outcome of {@link UserAllocator#free}. {@code DOUBLE_FREE}: the address was
 * handed out by malloc, has been freed since and not handed out again.
 * {@code INVALID_POINTER}: any other address that is not the start of a live block.
 */
public enum FreeResult { OK, DOUBLE_FREE, INVALID_POINTER }
