package oss.grader.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimilarityTest {
    /** A student's bounded buffer with a count, a mutex and two condition variables. */
    static final String BUFFER = """
            // Bounded buffer, 2 slots: producer waits while full, consumers while empty.
            scenario "Bounded buffer" {
              machine {
                cpus 2
              }

              int count = 0
              mutex m
              condvar not_full
              condvar not_empty

              process producer {
                repeat 4 {
                  compute 1 ms
                  lock m
                  while (count == 2) {
                    cond_wait not_full m
                  }
                  count = count + 1
                  assert count <= 2
                  signal not_empty
                  unlock m
                }
              }

              process consumer[i in 0..1] {
                repeat 2 {
                  lock m
                  while (count == 0) {
                    cond_wait not_empty m
                  }
                  count = count - 1
                  assert count >= 0
                  signal not_full
                  unlock m
                  compute 2 ms
                }
              }

              expect always count == 0
              expect no deadlock
            }
            """;

    /**
     * BUFFER disguised: every name changed, the declarations, processes and expectations in
     * another order, other comments, another layout (semicolons, blank lines, parentheses).
     */
    static final String DISGUISED = """
            /* Lab 4 -- my solution */
            scenario "Lab 4: condition variables" {
              expect no deadlock
              expect always (items == 0)

              process taker[k in 0..1] {
                repeat 2 { lock guard; while (items == 0) { cond_wait has_item guard }
                  items = items - 1;  assert items >= 0
                  signal has_room; unlock guard
                  compute 2 ms      // consume
                }
              }
              condvar has_item
              mutex guard


              process maker {
                repeat 4 {
                  compute 1 ms   // produce
                  lock guard
                  while (items == 2) { cond_wait has_room guard }
                  items = (items + 1)
                  assert items <= 2
                  signal has_item
                  unlock guard
                }
              }
              condvar has_room
              int items = 0
              machine { cpus 2 }
            }
            """;

    static final String STARTER = """
            // Dining philosophers: make it deadlock-free.
            scenario "Dining philosophers" {
              mutex fork[5]

              process philosopher[i in 0..4] {
                repeat 2 {
                  lock fork[i]
                  sleep 1 ms
                  lock fork[(i + 1) % 5]
                  compute 2 ms
                  unlock fork[(i + 1) % 5]
                  unlock fork[i]
                }
              }
            }
            """;

    /** One real fix: a global order on the forks, the lower-numbered first. */
    static final String ORDERED = """
            // Lower-numbered fork first: one order on the locks, no cycle.
            scenario "Dining philosophers" {
              mutex fork[5]

              process philosopher[i in 0..4] {
                repeat 2 {
                  lock fork[min(i, (i + 1) % 5)]
                  sleep 1 ms
                  lock fork[max(i, (i + 1) % 5)]
                  compute 2 ms
                  unlock fork[max(i, (i + 1) % 5)]
                  unlock fork[min(i, (i + 1) % 5)]
                }
              }

              expect no deadlock
            }
            """;

    /** Another student's fix: a doorman lets only four sit at once. */
    static final String ROOM = """
            scenario "Dining philosophers" {
              semaphore room = 4   // at most four at the table
              mutex fork[5]

              process philosopher[i in 0..4] {
                repeat 2 {
                  P(room)
                  lock fork[i]
                  sleep 1 ms
                  lock fork[(i + 1) % 5]
                  compute 2 ms
                  unlock fork[(i + 1) % 5]
                  unlock fork[i]
                  V(room)
                }
              }

              expect no deadlock
              expect philosopher[0].cpu == 4 ms
            }
            """;

    private static final SimilarityOptions ALL = new SimilarityOptions(8, 4, 0.0, 1, 0.1, 5);

    private static SimilarityReport compare(SimilarityOptions o, Optional<String> starter, Source... sources) {
        return Similarity.compare(List.of(sources), starter, o);
    }

    @Test
    void aRenamedReorderedReformattedCopyIsFoundWholly() {
        SimilarityReport r = compare(SimilarityOptions.DEFAULT, Optional.empty(),
                new Source("ada", "ada/buffer.oss", BUFFER), new Source("bob", "bob/buffer.oss", DISGUISED));
        assertEquals(1, r.pairs().size());
        SimilarityPair p = r.pairs().get(0);
        assertEquals("ada", p.studentA());
        assertEquals("bob", p.studentB());
        // Every disguise is one normalisation erases: the two normalised files are the same words.
        assertEquals(1.0, p.score());
        assertEquals(p.fingerprints(), p.shared());
    }

    @Test
    void theRegionsPairTheSameCodeInEachFile() {
        SimilarityPair p = compare(SimilarityOptions.DEFAULT, Optional.empty(),
                new Source("ada", "ada/buffer.oss", BUFFER), new Source("bob", "bob/buffer.oss", DISGUISED))
                .pairs().get(0);
        // ada's producer is lines 12-24, bob's maker lines 17-27; ada's consumers 26-38, bob's takers 6-12.
        assertTrue(p.regions().stream().anyMatch(g -> g.fromA() <= 13 && g.toA() >= 23 && g.fromB() <= 18
                && g.toB() >= 26 && g.fromB() >= 17 && g.toB() <= 27), p.regions().toString());
        assertTrue(p.regions().stream().anyMatch(g -> g.fromA() <= 27 && g.toA() >= 37 && g.fromB() >= 6
                && g.toB() <= 12), p.regions().toString());
        Region producer = p.regions().stream().filter(g -> g.fromB() >= 17 && g.toB() <= 27).findFirst().orElseThrow();
        assertEquals(producer.toA() - producer.fromA() + 1, producer.linesA().size());
        assertEquals("      lock m", producer.linesA().get(15 - producer.fromA()));
        assertEquals("      lock guard", producer.linesB().get(20 - producer.fromB()));
    }

    @Test
    void twoIndependentCorrectSolutionsAreNotFlagged() {
        SimilarityReport r = compare(SimilarityOptions.DEFAULT, Optional.of(STARTER),
                new Source("ada", "ada/p.oss", ORDERED), new Source("ben", "ben/p.oss", ROOM));
        assertEquals(List.of(), r.pairs());
        // Not even close: besides the starter's code they share `expect no deadlock`, 3 words, and the
        // 8-word runs that reach it begin in bodies that differ. Nothing at any threshold.
        SimilarityReport all = compare(ALL, Optional.of(STARTER),
                new Source("ada", "ada/p.oss", ORDERED), new Source("ben", "ben/p.oss", ROOM));
        assertEquals(List.of(), all.pairs(), SimilarityText.render(all));
    }

    @Test
    void starterCopiesAreNotFlaggedAgainstEachOther() {
        String reformatted = STARTER.replace("philosopher", "phil").replace("fork", "chopstick")
                .replace("// Dining philosophers: make it deadlock-free.", "// I did not get to it")
                .replace("  ", "    ");
        Source a = new Source("cy", "cy/p.oss", STARTER);
        Source b = new Source("dee", "dee/p.oss", reformatted);
        assertEquals(List.of(), compare(ALL, Optional.of(STARTER), a, b).pairs());
        // What keeps them apart is the starter: without it they are the same file.
        SimilarityReport without = compare(SimilarityOptions.DEFAULT, Optional.empty(), a, b);
        assertEquals(1, without.pairs().size());
        assertEquals(1.0, without.pairs().get(0).score());
    }

    @Test
    void aCopyOfAFixIsFoundAboveTheStarter() {
        String copy = ROOM.replace("room", "doorman").replace("// at most four at the table", "")
                .replace("  expect philosopher[0].cpu == 4 ms\n", "");
        SimilarityReport r = compare(SimilarityOptions.DEFAULT, Optional.of(STARTER),
                new Source("ada", "ada/p.oss", ORDERED), new Source("ben", "ben/p.oss", ROOM),
                new Source("cal", "cal/p.oss", copy));
        assertEquals(List.of("ben ~ cal 100%"), SimilarityText.summary(r));
    }

    @Test
    void whatMostOfTheClassSharesIsBoilerplate() {
        // Nine students: the starter's philosophers plus the same added monitor process, each with
        // their own third process. The shared process is not evidence once most of the class has it.
        List<Source> sources = new ArrayList<>();
        for (int s = 0; s < 9; s++) {
            String own = "  process own {\n" + "    compute " + (s + 1) + " ms\n    sleep " + (10 + s) + " ms\n"
                    + "    compute " + (20 + s) + " ms\n    sleep " + (30 + s) + " ms\n    compute " + (40 + s)
                    + " ms\n  }\n";
            String monitor = "  process monitor {\n    repeat 3 {\n      sleep 5 ms\n      lock fork[0]\n"
                    + "      compute 1 ms\n      unlock fork[0]\n    }\n  }\n";
            sources.add(new Source("s" + s, "s" + s + ".oss",
                    STARTER.substring(0, STARTER.lastIndexOf('}')) + monitor + own + "}\n"));
        }
        SimilarityOptions o = new SimilarityOptions(8, 4, 0.0, 1, 0.5, 2); // in more than 4 of 9: boilerplate
        SimilarityReport r = Similarity.compare(sources, Optional.of(STARTER), o);
        assertEquals(4, r.common());
        // What is left is a fingerprint or two where an item ends and the next begins.
        assertTrue(r.pairs().stream().allMatch(p -> p.score() < 0.2), SimilarityText.render(r));
        SimilarityReport kept = Similarity.compare(sources, Optional.of(STARTER),
                new SimilarityOptions(8, 4, 0.0, 1, 1.0, 20));
        assertEquals(9 * 8 / 2, kept.pairs().size());
        assertTrue(kept.pairs().stream().allMatch(p -> p.score() > 0.35), SimilarityText.render(kept));
    }

    @Test
    void aCopyOfAFileThatDoesNotParseIsStillFound() {
        String broken = """
                process p {
                  lock m
                  compute 2 ms
                  unlock m
                  sleep 3 ms
                  lock n
                  compute 4 ms
                  unlock n
                }
                """;
        String copy = broken.replace(" m", " mm").replace(" n\n", " nn\n").replace("process p", "process q");
        SimilarityReport r = compare(SimilarityOptions.DEFAULT, Optional.empty(),
                new Source("a", "a.oss", broken), new Source("b", "b.oss", copy), new Source("c", "c.oss", BUFFER));
        assertEquals(List.of("a ~ b 100%"), SimilarityText.summary(r));
        assertEquals(List.of("a.oss", "b.oss"), r.byTokens());
        assertTrue(SimilarityText.render(r).contains(
                "\n  compared by their tokens, without a syntax tree (they match only each other): a.oss, b.oss\n"));
    }

    @Test
    void binaryAndEmptyFilesAreSkippedWithANote() {
        SimilarityReport r = compare(SimilarityOptions.DEFAULT, Optional.empty(),
                new Source("a", "a.oss", BUFFER), new Source("b", "b.oss", "\u007fELF\0\0\1"),
                new Source("c", "c.oss", "  \n"));
        assertEquals(List.of(new SimilarityReport.Skipped("b", "b.oss", "not text (it contains NUL bytes)"),
                new SimilarityReport.Skipped("c", "c.oss", "empty")), r.skipped());
        assertEquals(1, r.compared());
        assertTrue(SimilarityText.render(r).contains("not compared: b (b.oss): not text"));
    }

    @Test
    void theReportIsTheSameWhateverTheOrderOfTheSources() {
        List<Source> sources = new ArrayList<>(List.of(new Source("ada", "ada/p.oss", ORDERED),
                new Source("ben", "ben/p.oss", ROOM), new Source("cal", "cal/p.oss", ROOM.replace("room", "door")),
                new Source("dan", "dan/p.oss", BUFFER), new Source("eve", "eve/p.oss", DISGUISED),
                new Source("fay", "fay/p.oss", STARTER)));
        String first = SimilarityText.render(Similarity.compare(sources, Optional.of(STARTER), ALL));
        Random random = new Random(3);
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(sources, random);
            assertEquals(first, SimilarityText.render(Similarity.compare(sources, Optional.of(STARTER), ALL)));
        }
        assertTrue(first.contains("dan ~ eve: 100%"), first);
    }

    @Test
    void pairsAreListedMostAlikeFirstWithTheirRegionsSideBySide() {
        SimilarityReport r = compare(SimilarityOptions.DEFAULT, Optional.empty(),
                new Source("ada", "ada/buffer.oss", BUFFER), new Source("bob", "bob/buffer.oss", DISGUISED));
        String text = SimilarityText.render(r);
        assertTrue(text.startsWith("similarity: 2 submissions compared; 1 pair at or above 50%"), text);
        assertTrue(text.contains("\nada ~ bob: 100% ("), text);
        // one row: ada's line 15 beside bob's line 20 (each the fourth line of the producer), as written
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+15\\s+lock m\\s+\\|\\s+20\\s+lock guard")), text);
    }

    @Test
    void largeRepetitiveFilesAreComparedQuickly() {
        // About 256 KiB each, the default size budget: one process of 17,000 statements repeating
        // every 13 (so its k-grams are 13 hashes over and over), and 2,000 processes each its own.
        StringBuilder body = new StringBuilder("scenario \"x\" {\n  process p {\n");
        for (int i = 0; i < 17_000; i++) {
            body.append("    compute ").append(i % 13).append(" ms\n");
        }
        String same = body.append("  }\n}\n").toString();
        StringBuilder many = new StringBuilder("scenario \"y\" {\n");
        for (int i = 0; i < 2_000; i++) {
            many.append("  mutex m").append(i).append("\n  process p").append(i).append(" { lock m").append(i)
                    .append("; compute ").append(i % 97).append(" ms; unlock m").append(i).append(" }\n");
        }
        String lots = many.append("}\n").toString();
        long start = System.nanoTime();
        SimilarityReport r = compare(SimilarityOptions.DEFAULT, Optional.empty(), new Source("a", "a.oss", same),
                new Source("b", "b.oss", same.replace("\"x\"", "\"z\"")), new Source("c", "c.oss", lots),
                new Source("d", "d.oss", lots.replaceAll(" m(\\d)", " lk$1")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of("a ~ b 100%", "c ~ d 100%"), SimilarityText.summary(r));
        assertTrue(millis < 20_000, millis + " ms");
        assertEquals(1, r.pairs().get(0).regions().size(), r.pairs().get(0).regions().toString());
    }

    @Test
    void aPairIsPlainDataAJsonReportCanCarry() {
        SimilarityPair p = compare(SimilarityOptions.DEFAULT, Optional.empty(),
                new Source("ada", "ada/buffer.oss", BUFFER), new Source("bob", "bob/buffer.oss", DISGUISED))
                .pairs().get(0);
        com.google.gson.JsonObject json = new com.google.gson.Gson().toJsonTree(p).getAsJsonObject();
        assertEquals("ada", json.get("studentA").getAsString());
        assertEquals("bob/buffer.oss", json.get("fileB").getAsString());
        assertEquals(1.0, json.get("score").getAsDouble());
        com.google.gson.JsonObject first = json.getAsJsonArray("regions").get(0).getAsJsonObject();
        assertEquals(3, first.get("fromA").getAsInt()); // the machine block, first in the canonical order
        assertEquals("  machine {", first.getAsJsonArray("linesA").get(0).getAsString());
        assertEquals("  machine { cpus 2 }", first.getAsJsonArray("linesB").get(0).getAsString());
    }

    @Test
    void eachFileIsReadOnceAndAgainOnlyWhenItsPairIsListed() {
        java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> reads = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.BiFunction<String, String, Source> counted = (student, text) -> new Source(student,
                student + ".oss", () -> {
                    reads.computeIfAbsent(student, x -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                    return text;
                });
        SimilarityReport r = Similarity.compare(List.of(counted.apply("ada", BUFFER), counted.apply("bob", DISGUISED),
                counted.apply("cy", ORDERED), new Source("dee", "dee.oss", () -> {
                    throw new Source.Unreadable("not a text file");
                })), Optional.empty(), SimilarityOptions.DEFAULT);
        assertEquals(List.of("ada ~ bob 100%"), SimilarityText.summary(r));
        assertEquals(2, reads.get("ada").get());
        assertEquals(2, reads.get("bob").get());
        assertEquals(1, reads.get("cy").get());
        assertEquals(List.of(new SimilarityReport.Skipped("dee", "dee.oss", "not a text file")), r.skipped());
    }
}
