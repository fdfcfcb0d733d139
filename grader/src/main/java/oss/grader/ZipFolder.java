package oss.grader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A folder inside a zip, built from the entries' names. Nothing is extracted: an entry is read
 * into memory, at most the budget's {@code size}, and only when it is the file a student is graded
 * on. An entry whose name climbs out ({@code ..}, {@code /etc/passwd}, {@code C:\}) is never
 * read; it is a refusal of the deepest folder its name reaches before climbing, so only that
 * student is rejected.
 */
final class ZipFolder implements Folder {
    /** More entries than a class's export holds; a zip with more is refused as a whole. */
    static final int MAX_ENTRIES = 65_536;
    /** The most text read out of one zip, all students together: a bound on a zip bomb's harm. */
    static final long MAX_TEXT = 256L << 20;

    private final String name;
    private final String display;
    private final Reading reading;
    private final TreeMap<String, ZipFolder> folders = new TreeMap<>();
    private final TreeMap<String, Entry> files = new TreeMap<>();
    private final List<String> refusals = new ArrayList<>();

    private ZipFolder(String name, String display, Reading reading) {
        this.name = name;
        this.display = display;
        this.reading = reading;
    }

    /** The bytes read so far out of one zip, against its limit. */
    private static final class Reading {
        final ZipFile zip;
        final long limit;
        long total;

        Reading(ZipFile zip, long limit) {
            this.zip = zip;
            this.limit = limit;
        }
    }

    /**
     * The zip's root; {@code zip} stays open until the caller closes it.
     *
     * @param maxText the most bytes read out of it in all ({@link #MAX_TEXT})
     */
    static ZipFolder open(Path path, ZipFile zip, long maxText) throws IOException {
        if (zip.size() > MAX_ENTRIES) {
            throw new IOException("more than " + MAX_ENTRIES + " entries, the most oss reads of one zip");
        }
        Set<String> links = ZipLinks.of(path);
        Path fileName = path.getFileName();
        String base = fileName == null ? path.toString() : fileName.toString();
        ZipFolder root = new ZipFolder(base.replaceFirst("(?i)\\.zip$", ""), path + "!", new Reading(zip, maxText));
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            root.add(e, links.contains(e.getName()));
        }
        return root;
    }

    private void add(ZipEntry e, boolean link) {
        String raw = e.getName();
        String name = raw.replace('\\', '/');
        ZipFolder at = this;
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            refusals.add("its zip entry `" + raw + "` has an absolute path; oss does not read it");
            return;
        }
        String[] parts = name.split("/");
        int last = parts.length - 1;
        while (last >= 0 && (parts[last].isEmpty() || parts[last].equals("."))) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                at.refusals.add("its zip entry `" + raw + "` leads outside its directory; oss does not read it");
                return;
            }
            if (i == last && !e.isDirectory()) {
                at.files.putIfAbsent(part, new ZipEntryFile(part, at.display + "/" + part, e, link));
            } else {
                String shown = at.display + "/" + part;
                at = at.folders.computeIfAbsent(part, p -> new ZipFolder(p, shown, reading));
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String display() {
        return display;
    }

    @Override
    public List<Folder> folders() {
        return folders.values().stream().filter(f -> !Folder.hidden(f.name)).map(f -> (Folder) f).toList();
    }

    @Override
    public List<Entry> files() {
        return files.values().stream().filter(f -> !Folder.hidden(f.name())).toList();
    }

    @Override
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    @Override
    public Folder asStudent() {
        return this;
    }

    private final class ZipEntryFile implements Entry {
        private final String name;
        private final String shown;
        private final ZipEntry entry;
        private final boolean link;

        ZipEntryFile(String name, String shown, ZipEntry entry, boolean link) {
            this.name = name;
            this.shown = shown;
            this.entry = entry;
            this.link = link;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String display() {
            return shown;
        }

        @Override
        public String read(long limit) throws Rejection {
            if (link) {
                throw new Rejection("a link in the zip; oss does not follow links");
            }
            if (entry.getSize() > limit) {
                throw TextFiles.tooLarge(limit);
            }
            long left = reading.limit - reading.total;
            if (left <= 0) {
                throw new Rejection("not read: oss has already read " + TextFiles.size(reading.limit)
                        + " out of this zip, the most it reads of one");
            }
            try (InputStream in = reading.zip.getInputStream(entry)) {
                byte[] bytes = in.readNBytes((int) Math.min(limit + 1, left + 1));
                reading.total += bytes.length;
                if (bytes.length > limit) {
                    throw TextFiles.tooLarge(limit);
                }
                if (bytes.length > left) {
                    throw new Rejection("not read: it would take oss past " + TextFiles.size(reading.limit)
                            + " read out of this zip, the most it reads of one");
                }
                return TextFiles.decode(bytes);
            } catch (IOException e) {
                throw new Rejection("cannot be read out of the zip (" + e.getMessage() + ")");
            }
        }
    }
}
