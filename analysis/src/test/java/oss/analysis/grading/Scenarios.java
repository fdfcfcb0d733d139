package oss.analysis.grading;

/** Submissions and starters whose outcomes are worked out by hand in the tests; line numbers matter. */
final class Scenarios {
    private Scenarios() {}

    /** Left fork first: all five take their left fork (5:5) and wait at 7:5 for the right one. */
    static final String LEFT_FIRST = """
            scenario "Dining philosophers" {
              mutex fork[5]

              process philosopher[i in 0..4] {
                lock fork[i]
                sleep 1 ms
                lock fork[(i + 1) % 5]
                compute 2 ms
                unlock fork[(i + 1) % 5]
                unlock fork[i]
              }
            }
            """;

    /** The lower-numbered fork first: philosopher 4 takes fork[0] first, and the cycle is gone. */
    static final String ORDERED = """
            scenario "Dining philosophers" {
              mutex fork[5]

              process philosopher[i in 0..4] {
                lock fork[min(i, (i + 1) % 5)]
                sleep 1 ms
                lock fork[max(i, (i + 1) % 5)]
                compute 2 ms
                unlock fork[max(i, (i + 1) % 5)]
                unlock fork[min(i, (i + 1) % 5)]
              }
            }
            """;

    /** FIFO on one CPU: P1 runs 0-24, P2 24-27, P3 27-30 (turnaround 24, 27, 30; response 0, 24, 27). */
    static final String FIFO = """
            scenario "FIFO" {
              machine {
                cpus 1
              }

              kernel {
                scheduler fifo
              }

              mutex m

              process P1 {
                compute 24 ms
              }

              process P2 {
                compute 3 ms
              }

              process P3 {
                compute 3 ms
              }
            }
            """;
}
