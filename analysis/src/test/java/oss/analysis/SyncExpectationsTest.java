package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `expect P.spin_time` and `expect P.seq_retries` are judged on the run's
 * task report (spinNs, seqRetries). The numbers are worked out by hand in
 * the comments; times in ms.
 */
class SyncExpectationsTest {
    static List<ExpectationResult> judge(String text) {
        return Analyzer.analyze("t.oss", text, AnalyzeOptions.defaults()).expectations();
    }

    @Test
    void spinTimeIsTheSpinnersShareOfTheHoldersCriticalSection() {
        // 2 CPUs: A holds s 0–5; B asks at 2 and spins 2–5 = 3 ms, then runs 5–6
        List<ExpectationResult> r = judge("""
                scenario "s" {
                  spinlock s
                  process A { spin_lock s; compute 5 ms; spin_unlock s }
                  process B { compute 2 ms; spin_lock s; compute 1 ms; spin_unlock s }
                  expect B.spin_time == 3 ms
                  expect A.spin_time == 0 ms
                  expect B.spin_time > 3 ms
                }
                """);
        assertEquals(List.of(ExpectationResult.Status.PASSED, ExpectationResult.Status.PASSED,
                ExpectationResult.Status.FAILED), r.stream().map(ExpectationResult::status).toList());
        assertEquals("3 ms", r.get(0).actual());
        assertEquals("B.spin_time was 3 ms, expected > 3 ms", r.get(2).message());
    }

    @Test
    void seqRetriesCountsTheReadsAWriterSpoilt() {
        // 2 CPUs: R reads 0–3; W writes 1–2, so at 3 the sequence moved from 0 to 2: one retry, read 3–6
        List<ExpectationResult> r = judge("""
                scenario "s" {
                  seqlock c
                  process R { seq_read c { compute 3 ms } }
                  process W { compute 1 ms; seq_write c { compute 1 ms } }
                  expect R.seq_retries == 1
                  expect R.finish == 6 ms
                  expect W.seq_retries == 0
                  expect R.seq_retries == 2
                }
                """);
        assertEquals(List.of(ExpectationResult.Status.PASSED, ExpectationResult.Status.PASSED,
                ExpectationResult.Status.PASSED, ExpectationResult.Status.FAILED),
                r.stream().map(ExpectationResult::status).toList());
        assertEquals("R.seq_retries was 1, expected == 2", r.get(3).message());
    }
}
