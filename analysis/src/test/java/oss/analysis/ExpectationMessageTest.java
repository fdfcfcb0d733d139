package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A failed expectation never reads as if it held: when rounding shows both sides alike, the exact values follow. */
class ExpectationMessageTest {
    @Test
    void aTimeThatRoundsToTheExpectedOneShowsItsNanoseconds() {
        // p computes 2 ms, then stores to shared x: a data step of 1 ns, so it finishes at 2,000,001 ns,
        // which reads "2 ms" rounded, like the expected value
        List<ExpectationResult> r = SyncExpectationsTest.judge("""
                scenario "s" {
                  int x = 0
                  process p {
                    compute 2 ms
                    x = 1
                  }
                  expect p.finish == 2 ms
                  expect p.finish < 3 ms
                }
                """);
        assertEquals(ExpectationResult.Status.FAILED, r.get(0).status());
        assertEquals("p.finish was 2 ms (2000001 ns), expected == 2 ms (2000000 ns)", r.get(0).message());
        // a passing one, or one whose sides already read differently, keeps the short form
        assertEquals("p.finish was 2 ms", r.get(1).message());
    }
}
