package oss.ir.program;

/** `kernel { replacement ... }`: which page leaves when a frame is needed. */
public enum ReplacementKind { FIFO, LRU, CLOCK, OPT, RANDOM }
