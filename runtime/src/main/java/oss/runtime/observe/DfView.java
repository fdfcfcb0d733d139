package oss.runtime.observe;

/**
 * {@code df -h} and {@code df -i} for the one simulated file system, from its super block: sizes
 * in powers of 1024 with df's suffixes, rounded up as df rounds them (a used 4 KiB shows as 4.0K,
 * never 0), Use% rounded up as df computes it (used / (used + avail)).
 */
public record DfView(String device, long blockSize, long blocks, long usedBlocks, long inodes, long usedInodes,
        String mountedOn) {

    public String text() {
        long size = blocks * blockSize;
        long used = usedBlocks * blockSize;
        long avail = size - used;
        String[][] rows = {
            {"Filesystem", "Size", "Used", "Avail", "Use%", "Mounted on"},
            {device, human(size), human(used), human(avail), percent(usedBlocks, blocks), mountedOn},
        };
        String[][] irows = {
            {"Filesystem", "Inodes", "IUsed", "IFree", "IUse%", "Mounted on"},
            {device, Long.toString(inodes), Long.toString(usedInodes), Long.toString(inodes - usedInodes),
                percent(usedInodes, inodes), mountedOn},
        };
        return table(rows) + "\n" + table(irows);
    }

    /** df's percentage: used over used plus available, rounded up; "-" for nothing at all. */
    static String percent(long used, long total) {
        return total == 0 ? "-" : (used * 100 + total - 1) / total + "%";
    }

    /**
     * human_readable with df's -h options (powers of 1024, rounding up): below 1024 the number
     * itself, below 10 of a unit one decimal (8.0K), else a whole number (20K).
     */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        String units = "KMGTPE";
        long unit = 1024;
        int i = 0;
        // bounded: six units cover every long
        while (i < units.length() - 1 && bytes >= unit * 1024 && unit <= Long.MAX_VALUE / 1024 / 1024) {
            unit *= 1024;
            i++;
        }
        if (bytes < 10 * unit) {
            long tenths = (bytes * 10 + unit - 1) / unit;
            if (tenths < 100) {
                return tenths / 10 + "." + tenths % 10 + units.charAt(i);
            }
            return "10" + units.charAt(i);
        }
        long whole = (bytes + unit - 1) / unit;
        if (whole >= 1024 && i < units.length() - 1) {
            return "1.0" + units.charAt(i + 1);
        }
        return whole + String.valueOf(units.charAt(i));
    }

    /** The first column left-aligned, the numbers right-aligned, the last unpadded, as df prints them. */
    private static String table(String[][] rows) {
        int[] w = new int[rows[0].length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                boolean last = i == r.length - 1;
                out.append(last ? r[i] : i == 0 ? String.format("%-" + w[i] + "s", r[i])
                        : String.format("%" + w[i] + "s", r[i])).append(last ? "\n" : " ");
            }
        }
        return out.toString();
    }
}
