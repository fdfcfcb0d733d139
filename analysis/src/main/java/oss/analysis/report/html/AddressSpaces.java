package oss.analysis.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.SnapshotView;

/**
 * Each process's address space as a picture: its VMAs (parsed from the
 * {@code maps/PID} view, as /proc/PID/maps prints them) drawn as a vertical
 * map, highest address on top, and the page-table tree of its touched pages
 * (parsed from the {@code pagetable/PID} view's walks). The last snapshot
 * that shows a process is used.
 */
public final class AddressSpaces {
    public record Vma(long start, long end, String perms, String path) {}

    /** One page's walk: the levels (name, index, entry text) and the leaf. */
    public record Walk(String va, List<String[]> levels, String leaf) {}

    public record Space(int pid, String snapshot, long timeNs, List<Vma> vmas, String cr3, List<Walk> walks) {}

    private static final Pattern MAPS = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+)\\s+(\\S+)\\s+\\S+\\s+\\S+\\s+\\S+\\s*(.*)$");
    private static final Pattern LEVEL = Pattern.compile("^(PML5|PML4|PDPT|PD|PT|L\\d)\\s+table frame (\\S+) \\[(\\d+)\\] = (.*)$");

    private AddressSpaces() {}

    public static List<Space> of(RunResult run) {
        Map<Integer, Space> out = new LinkedHashMap<>();
        for (SnapshotView s : run.snapshots()) {
            for (var e : s.views().entrySet()) {
                if (!e.getKey().startsWith("maps/")) {
                    continue;
                }
                int pid;
                try {
                    pid = Integer.parseInt(e.getKey().substring(5));
                } catch (NumberFormatException x) {
                    continue;
                }
                List<Vma> vmas = vmas(e.getValue());
                if (vmas.isEmpty()) {
                    continue;
                }
                String pt = s.views().getOrDefault("pagetable/" + pid, "");
                List<Walk> walks = new ArrayList<>();
                String cr3 = walks(pt, walks);
                out.put(pid, new Space(pid, s.label(), s.timeNs(), vmas, cr3, walks));
            }
        }
        return List.copyOf(out.values());
    }

    static List<Vma> vmas(String maps) {
        List<Vma> out = new ArrayList<>();
        for (String line : maps.split("\n")) {
            Matcher m = MAPS.matcher(line.strip());
            if (m.matches()) {
                out.add(new Vma(Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16),
                        m.group(3), m.group(4).strip()));
            }
        }
        return out;
    }

    /** Fills {@code walks}; returns the CR3 line (or ""). */
    static String walks(String text, List<Walk> walks) {
        String cr3 = "";
        String va = null;
        List<String[]> levels = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("CR3")) {
                cr3 = line;
            } else if (line.startsWith("va ")) {
                if (va != null) {
                    walks.add(new Walk(va, levels, ""));
                }
                va = line.substring(3).strip();
                levels = new ArrayList<>();
            } else if (line.startsWith("->") && va != null) {
                walks.add(new Walk(va, levels, line.substring(2).strip()));
                va = null;
                levels = new ArrayList<>();
            } else if (va != null) {
                Matcher m = LEVEL.matcher(line);
                if (m.matches()) {
                    levels.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
                } else if (!line.isEmpty()) {
                    levels.add(new String[] {"", "", "", line});
                }
            }
        }
        if (va != null) {
            walks.add(new Walk(va, levels, ""));
        }
        return cr3;
    }

    /** The VMAs as a vertical SVG map, highest address on top; box height grows with the log of the size. */
    static String mapSvg(Space sp) {
        List<Vma> vs = new ArrayList<>(sp.vmas());
        vs.sort((a, b) -> Long.compareUnsigned(b.start(), a.start()));
        int width = 640;
        int y = 10;
        StringBuilder body = new StringBuilder();
        Vma prev = null;
        for (Vma v : vs) {
            if (prev != null && Long.compareUnsigned(v.end(), prev.start()) < 0) {
                body.append("<text x=\"170\" y=\"").append(y + 11).append("\" class=\"gap\">⋮ unmapped ")
                        .append(Esc.html(size(prev.start() - v.end()))).append("</text>\n");
                y += 18;
            }
            long pages = Math.max(1, (v.end() - v.start()) / 4096);
            int h = (int) Math.min(90, 22 + 8 * (Math.log(pages) / Math.log(2)));
            String fill = v.perms().contains("x") ? "#f3e5c8" : v.path().equals("[stack]") ? "#dcefdc"
                    : v.perms().contains("w") ? "#dde8f7" : "#eeeeee";
            String label = (v.path().isEmpty() ? "[anon]" : v.path()) + " " + v.perms() + " " + size(v.end() - v.start());
            boolean touching = prev != null && v.end() == prev.start();
            body.append("<g class=\"vma\"><title>").append(Esc.html(hex(v.start()) + "-" + hex(v.end()) + " " + v.perms()
                    + " " + v.path() + " (" + pages + " pages)")).append("</title>")
                    .append(touching ? "" : "<text x=\"150\" y=\"" + (y + 10) + "\" text-anchor=\"end\" class=\"addr\">"
                            + hex(v.end()) + "</text>")
                    .append("<rect x=\"160\" y=\"").append(y).append("\" width=\"300\" height=\"").append(h)
                    .append("\" fill=\"").append(fill).append("\" stroke=\"#666\"/>")
                    .append("<text x=\"170\" y=\"").append(y + h / 2 + 4).append("\" class=\"vlabel\">")
                    .append(Esc.html(label)).append("</text>")
                    .append("<text x=\"150\" y=\"").append(y + h + 3).append("\" text-anchor=\"end\" class=\"addr\">")
                    .append(hex(v.start())).append("</text></g>\n");
            y += h;
            prev = v;
        }
        return "<svg class=\"vmamap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + (y + 12)
                + "\" viewBox=\"0 0 " + width + " " + (y + 12) + "\" role=\"img\">\n" + body + "</svg>\n";
    }

    /** The walks as one nested list: a table entry appears once however many pages go through it. */
    static String treeHtml(Space sp) {
        if (sp.walks().isEmpty()) {
            return "<p class=\"muted\">no resident pages in this snapshot</p>\n";
        }
        Node root = new Node("");
        for (Walk w : sp.walks()) {
            Node n = root;
            for (String[] l : w.levels()) {
                String key = l[0].isEmpty() ? l[3] : l[0] + " [" + l[2] + "] → " + l[3];
                n = n.child(key);
            }
            n.child("page va " + w.va() + (w.leaf().isEmpty() ? "" : " → " + w.leaf())).leaf = true;
        }
        StringBuilder out = new StringBuilder("<div class=\"pt\"><div class=\"muted\">")
                .append(Esc.html(sp.cr3())).append("</div>\n");
        root.render(out);
        return out.append("</div>\n").toString();
    }

    private static final class Node {
        final String label;
        final Map<String, Node> kids = new LinkedHashMap<>();
        boolean leaf;

        Node(String label) {
            this.label = label;
        }

        Node child(String key) {
            return kids.computeIfAbsent(key, Node::new);
        }

        void render(StringBuilder out) {
            if (kids.isEmpty()) {
                return;
            }
            out.append("<ul>");
            for (Node k : kids.values()) {
                out.append("<li").append(k.leaf ? " class=\"page\"" : "").append('>');
                String l = k.label;
                boolean cow = l.contains(" COW");
                out.append("<span").append(cow ? " class=\"cow\"" : "").append('>').append(Esc.html(l)).append("</span>");
                k.render(out);
                out.append("</li>");
            }
            out.append("</ul>\n");
        }
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    static String size(long bytes) {
        if (bytes >= 1L << 40) {
            return String.format(Locale.US, "%.1f TiB", bytes / (double) (1L << 40)).replace(".0 ", " ");
        }
        if (bytes >= 1L << 30) {
            return String.format(Locale.US, "%.1f GiB", bytes / (double) (1L << 30)).replace(".0 ", " ");
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.US, "%.1f MiB", bytes / (double) (1L << 20)).replace(".0 ", " ");
        }
        return (bytes >> 10) + " KiB";
    }
}
