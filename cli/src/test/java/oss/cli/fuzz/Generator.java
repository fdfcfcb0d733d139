package oss.cli.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random scenarios from the language's grammar (docs/language.md): machine and kernel
 * settings, declarations of every kind, processes (arrays, nice, policy, arrival, frames)
 * whose bodies nest statements of every kind a few levels deep, and expectations. Most
 * are valid; names, counts and sizes are drawn so that some are not (an undeclared lock,
 * an index out of range, a size of 0, a huge time), which is the point.
 */
final class Generator {
    private final SplittableRandom r;
    private final StringBuilder out = new StringBuilder();
    private final List<String> locals = new ArrayList<>();
    private int depth;
    private int statements;

    Generator(SplittableRandom r) {
        this.r = r;
    }

    private boolean chance(int percent) {
        return r.nextInt(100) < percent;
    }

    private <T> T pick(List<T> xs) {
        return xs.get(r.nextInt(xs.size()));
    }

    private String time() {
        long n = chance(98) ? 1 + r.nextInt(20) : pick(List.of(0L, -1L, 1_000_000_000_000L, 9_223_372_036_854_775_807L));
        return n + " " + pick(List.of("ms", "ms", "us", "ns", "s", "cycles"));
    }

    private String size() {
        if (chance(2)) {
            return pick(List.of("0 B", "-1 B", "1_000_000_000_000 B", "300 GiB", "9223372036854775807 B"));
        }
        return (1 + r.nextInt(16)) + " " + pick(List.of("KiB", "pages", "B", "MiB"));
    }

    String scenario() {
        out.setLength(0);
        out.append("scenario \"fuzz\" {\n");
        if (chance(50)) {
            out.append("  machine { cpus ").append(chance(97) ? 1 + r.nextInt(4) : (int) pick(List.of(0, 1025))).append(chance(30) ? " memory "
                    + pick(List.of("64 MiB", "16 MiB", "1 GiB", "8 KiB")) : "").append(chance(20) ? " swap 0 B" : "")
                    .append(chance(10) ? " paging x86_32" : "").append(" }\n");
        }
        if (chance(60)) {
            out.append("  kernel { scheduler ").append(pick(List.of("fifo", "sjf", "stcf", "rr quantum " + time(), "cfs",
                    "mlfq queues 3 quantum 2 ms boost 50 ms", "lottery", "mlfq boost none allotment 2 io_reset")));
            out.append(chance(30) ? " deadlock " + pick(List.of("detect", "avoid", "ignore")) : "");
            out.append(chance(20) ? " malloc freelist " + pick(List.of("first_fit", "best_fit", "worst_fit", "next_fit"))
                    + (chance(50) ? " coalesce" : "") : "");
            out.append(chance(10) ? " replacement " + pick(List.of("lru", "clock", "fifo", "opt", "random")) : "");
            out.append(" }\n");
        }
        // every object a statement may name is declared (but for a rare miss), so most scenarios compile
        out.append("  mutex m[3]\n  semaphore s = ").append(r.nextInt(3)).append("\n");
        String[] decls = {"  resource printer " + (1 + r.nextInt(3)), "  spinlock sp",
            "  rwlock rw" + (chance(50) ? " writer_preferring" : ""), "  condvar cv", "  barrier b " + (1 + r.nextInt(3)),
            "  seqlock sq", "  semset ss = [1, 0]", "  file \"/data/f\" size " + size()};
        for (String d : decls) {
            if (chance(97)) {
                out.append(d).append("\n");
            }
        }
        int processes = 1 + r.nextInt(chance(5) ? 80 : 4);
        for (int p = 0; p < processes; p++) {
            process(p);
        }
        for (int e = r.nextInt(4); e > 0; e--) {
            out.append("  expect ").append(pick(List.of("deadlock", "no deadlock", "P0.turnaround == " + time(),
                    "P0.waiting <= " + time(), "finish_order [P0]", "P0.exit == 0", "P0.signal == SIGSEGV",
                    "P0.rss == " + size(), "safe", "P1.response >= " + time()))).append("\n");
        }
        out.append("}\n");
        return out.toString();
    }

    private void process(int p) {
        locals.clear();
        regions.clear();
        statements = 0;
        out.append("  process P").append(p);
        if (chance(10)) {
            out.append("[i in 0..").append(r.nextInt(4)).append("]");
        }
        if (chance(15)) {
            out.append(" nice ").append(r.nextInt(40) - 20);
        }
        if (chance(10)) {
            out.append(" policy ").append(pick(List.of("fifo", "rr"))).append(" priority ").append(1 + r.nextInt(99));
        }
        if (chance(15)) {
            out.append(" arrives ").append(time());
        }
        if (chance(5)) {
            out.append(" frames ").append(1 + r.nextInt(4));
        }
        out.append(" {\n");
        block(1 + r.nextInt(6));
        out.append("  }\n");
    }

    private void block(int n) {
        depth++;
        for (int i = 0; i < n && statements < 60; i++) {
            statement();
        }
        depth--;
    }

    private void indent() {
        out.append("  ".repeat(depth + 1));
    }

    private final List<String> regions = new ArrayList<>();

    private String local(String prefix) {
        String name = prefix + locals.size();
        locals.add(name);
        if (prefix.equals("x") || prefix.equals("p")) {
            regions.add(name);
        }
        return name;
    }

    private String lock() {
        return "m[" + (chance(95) ? r.nextInt(3) : 3) + "]";
    }

    private void statement() {
        statements++;
        boolean nest = depth < 4;
        indent();
        switch (r.nextInt(nest ? 30 : 20)) {
            case 0, 1 -> out.append("compute ").append(time()).append("\n");
            case 2 -> out.append("sleep ").append(time()).append("\n");
            case 3 -> out.append("io ").append(time()).append("\n");
            case 4, 5 -> {
                String l = lock();
                out.append("lock ").append(l).append("\n");
                if (chance(80)) {
                    statement();
                    indent();
                    out.append("unlock ").append(l).append("\n");
                }
            }
            case 6 -> out.append(chance(50) ? "P(s)\n" : "V(s)\n");
            case 7 -> {
                String x = local("x");
                out.append(x).append(" = mmap ").append(size()).append(" anon ").append(pick(List.of("private", "shared")))
                        .append(" ").append(pick(List.of("rw", "r", "rwx", "none"))).append("\n");
                indent();
                out.append(pick(List.of("write ", "read "))).append(x).append("[").append(chance(80) ? "0" : size())
                        .append("]\n");
                if (chance(40)) {
                    indent();
                    out.append("munmap ").append(x).append("\n");
                }
            }
            case 8 -> {
                String p = local("p");
                out.append(p).append(" = malloc ").append(size()).append("\n");
                if (chance(70)) {
                    indent();
                    out.append("free ").append(p).append("\n");
                }
            }
            case 9 -> out.append(regions.isEmpty() ? "compute 1 ms" : "touch " + pick(regions)).append("\n");
            case 10 -> out.append("wait any\n");
            case 11 -> out.append("exit ").append(pick(List.of(0, 1, 255, 256))).append("\n");
            case 12 -> out.append("brk ").append(pick(List.of("+", "-"))).append(size()).append("\n");
            case 13, 14 -> {
                String[] pair = pick(List.of(new String[] {"spin_lock sp", "spin_unlock sp"},
                        new String[] {"read_lock rw", "read_unlock rw"}, new String[] {"write_lock rw", "write_unlock rw"},
                        new String[] {"request printer 1", "release printer 1"}, new String[] {"P(s)", "V(s)"}));
                out.append(pair[0]).append("\n");
                if (chance(90)) {
                    statement();
                    indent();
                    out.append(pair[1]).append("\n");
                }
            }
            case 15 -> out.append(pick(List.of("barrier b\n", "signal cv\n", "broadcast cv\n", "cond_wait cv m[0]\n")));
            case 16 -> {
                String l = lock();
                out.append("trylock ").append(l).append(" { unlock ").append(l).append(" } else { compute 1 ms }\n");
            }
            case 17 -> out.append("snapshot \"s").append(statements).append("\"\n");
            case 18 -> out.append("write at ").append(pick(List.of("0x0", "0xffff888000000000", "0x7ffffffff000",
                    "0x1000"))).append("\n");
            case 19 -> out.append(regions.isEmpty() ? "compute 2 ms" : "access " + pick(regions) + " pages [0, 1, 0, 2]")
                    .append("\n");
            case 20, 21 -> {
                out.append("repeat ").append(chance(90) ? 1 + r.nextInt(5) : (int) pick(List.of(0, 1000000, -1))).append(" {\n");
                block(1 + r.nextInt(3));
                indent();
                out.append("}\n");
            }
            case 22 -> {
                String j = "j" + depth;
                out.append("for ").append(j).append(" in 0..").append(chance(97) ? r.nextInt(4) : 2000000000).append(" {\n");
                block(1 + r.nextInt(2));
                indent();
                out.append("}\n");
            }
            case 23, 24 -> {
                String c = local("c");
                out.append(c).append(" = ").append(pick(List.of("fork", "fork", "vfork", "clone vm files"))).append(" {\n");
                block(1 + r.nextInt(3));
                indent();
                out.append("}\n");
                if (chance(60)) {
                    indent();
                    out.append("wait ").append(c).append("\n");
                }
            }
            case 25 -> {
                String t = local("t");
                out.append(t).append(" = thread {\n");
                block(1 + r.nextInt(2));
                indent();
                out.append("}\n");
                if (chance(70)) {
                    indent();
                    out.append("join ").append(t).append("\n");
                }
            }
            case 26 -> {
                out.append("choose {\n");
                block(1 + r.nextInt(2));
                indent();
                out.append("} or {\n");
                block(1 + r.nextInt(2));
                indent();
                out.append("}\n");
            }
            case 27 -> {
                out.append("exec \"prog\" {\n");
                block(1 + r.nextInt(2));
                indent();
                out.append("}\n");
            }
            default -> {
                out.append("seq_write sq {\n");
                block(1);
                indent();
                out.append("}\n");
            }
        }
    }
}
