package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import oss.runtime.observe.CacheStats;
import oss.runtime.observe.MachineStats;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;

/**
 * With the paging-structure caches off, every example simulates exactly what it did before they
 * existed: its memory counters (TLB, caches, accesses, page walks) and every task's times are the
 * ones recorded in {@code psc-off-counters.txt}, which the build before the caches wrote (commit
 * 22ed59f, from the same summary without the `psc off` line). An example added later has no
 * line there and is only checked for running.
 */
class PscOffCountersTest {
    static final Path GOLDEN = Path.of("src", "test", "resources", "psc-off-counters.txt");

    @Test
    void everyExampleWithPscOffSimulatesWhatItDidBefore() throws IOException {
        Map<String, String> golden = new LinkedHashMap<>();
        for (String line : Files.readAllLines(GOLDEN)) {
            int tab = line.indexOf('\t');
            golden.put(line.substring(0, tab), line.substring(tab + 1));
        }
        assertTrue(golden.size() >= 100, "the recorded counters cover the examples of the time");
        List<String> differ = new ArrayList<>();
        int compared = 0;
        for (Path path : ExamplesTest.examples()) {
            String name = path.getFileName().toString();
            String text = withPscOff(Files.readString(path));
            Analysis a = Analyzer.analyze(path.toString(), text, AnalyzeOptions.defaults());
            String now = summary(a);
            String before = golden.get(name);
            if (before == null) {
                continue;
            }
            compared++;
            if (!before.equals(now)) {
                differ.add(name + "\n  before " + before + "\n  now    " + now);
            }
        }
        assertEquals(golden.size(), compared, "every recorded example still exists");
        assertEquals(List.of(), differ, "examples whose counters moved with the paging-structure caches off");
    }

    /** The example with `psc off` as its machine block's first line (a machine block added when it has none). */
    static String withPscOff(String text) {
        Matcher m = Pattern.compile("\\bmachine\\s*\\{").matcher(text);
        if (m.find()) {
            return text.substring(0, m.end()) + " psc off\n" + text.substring(m.end());
        }
        Matcher s = Pattern.compile("\\bscenario\\s+\"[^\"]*\"\\s*\\{").matcher(text);
        assertTrue(s.find(), "an example is a scenario");
        return text.substring(0, s.end()) + "\n  machine { psc off }\n" + text.substring(s.end());
    }

    /** The run's memory counters and each task's times, one line. */
    static String summary(Analysis a) {
        if (a.run().isEmpty()) {
            return "no run";
        }
        RunResult r = a.run().get();
        StringBuilder s = new StringBuilder("end ").append(r.endNs()).append(" events ").append(r.events());
        MachineStats m = r.machine() == null ? MachineStats.NONE : r.machine();
        s.append(" | tlb ").append(m.tlbHits()).append('/').append(m.tlbMisses());
        for (CacheStats c : m.caches()) {
            s.append(' ').append(c.name()).append(' ').append(c.hits()).append('/').append(c.misses()).append('/')
                    .append(c.writebacks());
        }
        s.append(" accesses ").append(m.memoryAccesses()).append(" walks ").append(m.pageWalks());
        for (TaskReport t : r.tasks()) {
            s.append(" | ").append(t.process()).append(' ').append(t.pid()).append(" cpu ").append(t.cpuNs())
                    .append(" finish ").append(t.finishNs()).append(" wait ").append(t.waitingNs()).append(" stime ")
                    .append(t.stimeNs());
        }
        return s.toString();
    }
}
