package oss.compiler.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oss.compiler.ast.BankerNode;
import oss.compiler.ast.Expr;
import oss.compiler.ast.Name;
import oss.compiler.check.Diags;
import oss.ir.diag.Code;
import oss.ir.program.BankerTable;
import oss.ir.program.Span;

/**
 * A banker table as written → {@link BankerTable}. {@code available} instead
 * of {@code total} gives total = available + column sums of alloc;
 * {@code need} instead of {@code max} gives max = alloc + need.
 */
final class BankerLowerer {
    private final Diags diags;

    BankerLowerer(Diags diags) {
        this.diags = diags;
    }

    Optional<BankerTable> lower(BankerNode b) {
        int errorsBefore = diags.errorCount();
        Rows sorted = new Rows();
        for (BankerNode.Row row : b.rows()) {
            row.accept(sorted);
        }
        BankerNode.Resources resources = sorted.resources;
        BankerNode.Vector total = sorted.total;
        BankerNode.Vector available = sorted.available;
        List<BankerNode.ProcessRow> procs = sorted.procs;
        BankerNode.Request request = sorted.request;
        if (resources == null) {
            diags.report(Code.BANKER_SHAPE, b.span(), "the banker table needs a `resources` row naming the columns, e.g. "
                    + "`resources A B C`");
            return Optional.empty();
        }
        int n = resources.names().size();
        if (total == null && available == null) {
            diags.report(Code.BANKER_SHAPE, resources.span(), "the banker table needs a `total` (or `available`) row");
        }
        if (total != null && available != null) {
            diags.report(Code.BANKER_SHAPE, available.span(), "give either `total` or `available`, not both",
                    total.span(), "`total` is here");
        }
        if (procs.isEmpty()) {
            diags.report(Code.BANKER_SHAPE, b.span(), "the banker table has no process rows, e.g. `P0 alloc 0 1 0 max 7 5 3`");
        }
        List<BankerTable.Row> rows = new ArrayList<>();
        List<String> resourceNames = resources.names().stream().map(Name::text).toList();
        for (BankerNode.ProcessRow p : procs) {
            rows.add(row(p, n, resourceNames));
        }
        int[] totalVec = null;
        if (total != null) {
            totalVec = vector(total.values(), n, total.span(), "`total`");
        } else if (available != null) {
            int[] avail = vector(available.values(), n, available.span(), "`available`");
            if (avail != null) {
                totalVec = avail.clone();
                for (BankerTable.Row r : rows) {
                    if (r != null && r.alloc() != null) {
                        for (int i = 0; i < n; i++) {
                            totalVec[i] += r.alloc()[i];
                        }
                    }
                }
            }
        }
        if (totalVec != null && total != null && rows.stream().allMatch(r -> r != null)) {
            for (int i = 0; i < n; i++) {
                long sum = 0;
                for (BankerTable.Row r : rows) {
                    sum += r.alloc()[i];
                }
                if (sum > totalVec[i]) {
                    diags.report(Code.ALLOC_ABOVE_TOTAL, total.values().get(i).span(), "the processes hold " + sum + " `"
                            + resourceNames.get(i) + "` in all, more than the total of " + totalVec[i]);
                }
            }
        }
        Optional<BankerTable.Request> req = Optional.empty();
        if (request != null) {
            int index = -1;
            for (int i = 0; i < procs.size(); i++) {
                if (procs.get(i).process().text().equals(request.process().text())) {
                    index = i;
                }
            }
            if (index < 0) {
                diags.report(Code.BANKER_SHAPE, request.process().span(), "`request " + request.process().text()
                        + "`: the table has no row for `" + request.process().text() + "`"
                        + oss.compiler.util.Suggest.hint(request.process().text(),
                        procs.stream().map(p -> p.process().text()).toList()));
            }
            int[] amounts = vector(request.values(), n, request.span(), "the request");
            if (index >= 0 && amounts != null) {
                req = Optional.of(new BankerTable.Request(request.process().text(), index, amounts, request.span()));
            }
        }
        if (diags.errorCount() > errorsBefore || totalVec == null || rows.contains(null)) {
            return Optional.empty();
        }
        return Optional.of(new BankerTable(resourceNames, totalVec, rows, req, b.span()));
    }

    /** The process of every process row, in order (duplicates too): the names {@code expect} may give. */
    static List<String> rowProcesses(BankerNode b) {
        List<String> out = new ArrayList<>();
        for (BankerNode.Row row : b.rows()) {
            row.accept(new BankerNode.Row.Visitor<Void>() {
                @Override
                public Void visitResources(BankerNode.Resources r) {
                    return null;
                }

                @Override
                public Void visitVector(BankerNode.Vector r) {
                    return null;
                }

                @Override
                public Void visitProcessRow(BankerNode.ProcessRow r) {
                    out.add(r.process().text());
                    return null;
                }

                @Override
                public Void visitRequest(BankerNode.Request r) {
                    return null;
                }
            });
        }
        return out;
    }

    /** The rows of one table by kind, each kind given once (a process row once per process). */
    private final class Rows implements BankerNode.Row.Visitor<Void> {
        BankerNode.Resources resources;
        BankerNode.Vector total;
        BankerNode.Vector available;
        final List<BankerNode.ProcessRow> procs = new ArrayList<>();
        BankerNode.Request request;
        private final Map<String, Span> rowNames = new HashMap<>();

        @Override
        public Void visitResources(BankerNode.Resources r) {
            if (resources != null) {
                diags.report(Code.BANKER_SHAPE, r.span(), "`resources` is given twice", resources.span(), "first here");
                return null;
            }
            resources = r;
            Map<String, Span> seen = new HashMap<>();
            for (Name n : r.names()) {
                Span first = seen.putIfAbsent(n.text(), n.span());
                if (first != null) {
                    diags.report(Code.DUPLICATE_NAME, n.span(), "resource `" + n.text() + "` is listed twice",
                            first, "first here");
                }
            }
            return null;
        }

        @Override
        public Void visitVector(BankerNode.Vector v) {
            BankerNode.Vector prev = v.available() ? available : total;
            if (prev != null) {
                diags.report(Code.BANKER_SHAPE, v.span(), "`" + (v.available() ? "available" : "total")
                        + "` is given twice", prev.span(), "first here");
            } else if (v.available()) {
                available = v;
            } else {
                total = v;
            }
            return null;
        }

        @Override
        public Void visitProcessRow(BankerNode.ProcessRow p) {
            Span first = rowNames.putIfAbsent(p.process().text(), p.process().span());
            if (first != null) {
                diags.report(Code.BANKER_SHAPE, p.process().span(), "`" + p.process().text()
                        + "` has two rows", first, "first row here");
            } else {
                procs.add(p);
            }
            return null;
        }

        @Override
        public Void visitRequest(BankerNode.Request r) {
            if (request != null) {
                diags.report(Code.BANKER_SHAPE, r.span(), "only one `request` can be judged per table",
                        request.span(), "first request here");
            } else {
                request = r;
            }
            return null;
        }
    }

    private BankerTable.Row row(BankerNode.ProcessRow p, int n, List<String> names) {
        BankerNode.Part alloc = null;
        BankerNode.Part max = null;
        BankerNode.Part need = null;
        for (BankerNode.Part part : p.parts()) {
            BankerNode.Part prev = switch (part.kind()) {
                case "alloc" -> alloc;
                case "max" -> max;
                default -> need;
            };
            if (prev != null) {
                diags.report(Code.BANKER_SHAPE, part.span(), "`" + part.kind() + "` is given twice for `" + p.process().text()
                        + "`", prev.span(), "first here");
                return null;
            }
            switch (part.kind()) {
                case "alloc" -> alloc = part;
                case "max" -> max = part;
                default -> need = part;
            }
        }
        String who = "`" + p.process().text() + "`";
        if (alloc == null) {
            diags.report(Code.BANKER_SHAPE, p.span(), who + " needs an `alloc` vector");
            return null;
        }
        if (max == null && need == null) {
            diags.report(Code.BANKER_SHAPE, p.span(), who + " needs a `max` (or `need`) vector");
            return null;
        }
        if (max != null && need != null) {
            diags.report(Code.BANKER_SHAPE, need.span(), who + ": give either `max` or `need`, not both");
            return null;
        }
        int[] a = vector(alloc.values(), n, alloc.span(), who + "'s `alloc`");
        int[] m = max != null ? vector(max.values(), n, max.span(), who + "'s `max`")
                : vector(need.values(), n, need.span(), who + "'s `need`");
        if (a == null || m == null) {
            return null;
        }
        if (max == null) {
            for (int i = 0; i < n; i++) {
                m[i] += a[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (a[i] > m[i]) {
                    diags.report(Code.ALLOC_ABOVE_MAX, alloc.values().get(i).span(), who + " holds " + a[i] + " `"
                            + names.get(i) + "` but its maximum is " + m[i]);
                }
            }
        }
        return new BankerTable.Row(p.process().text(), a, m, p.span());
    }

    private int[] vector(List<Expr.Number> values, int n, Span span, String what) {
        if (values.size() != n) {
            diags.report(Code.BANKER_SHAPE, span, what + " has " + values.size() + " number" + (values.size() == 1 ? "" : "s")
                    + " but the table has " + n + " resource" + (n == 1 ? "" : "s"));
            return null;
        }
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            Expr.Number num = values.get(i);
            String text = num.text().replace("_", "");
            try {
                long x = text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16)
                        : Long.parseLong(text);
                if (x > 1_000_000_000L) {
                    diags.report(Code.VALUE_OUT_OF_RANGE, num.span(), "this number is too large for a banker table");
                    return null;
                }
                v[i] = (int) x;
            } catch (NumberFormatException e) {
                boolean decimal = text.matches("[0-9]+\\.[0-9]+");
                diags.report(decimal ? Code.NOT_AN_INTEGER : Code.VALUE_OUT_OF_RANGE, num.span(), decimal
                        ? "instances are whole numbers, not " + num.text() : "this number is too large for a banker table");
                return null;
            }
        }
        return v;
    }
}
