package oss.grader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A directory on disk. {@code root} is the real path no link may leave: the class directory while
 * looking for students, the student's own directory once one is chosen ({@link #asStudent}). A link
 * is resolved and checked before anything is opened through it, so a link to {@code /etc/passwd}
 * or to another student's file is never read.
 */
final class DirFolder implements Folder {
    /** More entries than any student's directory has: beyond it the folder is refused, not listed in part. */
    static final int MAX_ENTRIES = 100_000;

    private final Path path;
    private final String display;
    private final Path root;
    private final List<String> refusals;
    private List<Path> children;

    private DirFolder(Path path, String display, Path root, List<String> refusals) {
        this.path = path;
        this.display = display;
        this.root = root;
        this.refusals = refusals;
    }

    /** A directory named on the command line: trusted, and the boundary of what is read below it. */
    static DirFolder top(Path path) throws IOException {
        return new DirFolder(path, path.toString(), path.toRealPath(), List.of());
    }

    @Override
    public String name() {
        Path n = path.toAbsolutePath().normalize().getFileName();
        return n == null ? path.toString() : n.toString();
    }

    @Override
    public String display() {
        return display;
    }

    @Override
    public List<String> refusals() {
        return refusals;
    }

    @Override
    public Folder asStudent() {
        if (!refusals.isEmpty()) {
            return this;
        }
        try {
            return new DirFolder(path, display, path.toRealPath(), refusals);
        } catch (IOException e) {
            return new DirFolder(path, display, root, List.of("cannot be read (" + e.getMessage() + ")"));
        }
    }

    @Override
    public List<Folder> folders() {
        List<Folder> out = new ArrayList<>();
        for (Path child : children()) {
            String name = child.getFileName().toString();
            if (Folder.hidden(name) || !Files.isDirectory(child)) {
                continue;
            }
            String shown = display + "/" + name;
            if (Files.isSymbolicLink(child) && !inside(child)) {
                out.add(new DirFolder(child, shown, root, List.of(name + " is a link that leads outside "
                        + display + "; oss does not follow it")));
            } else {
                out.add(new DirFolder(child, shown, root, refusals));
            }
        }
        return out;
    }

    @Override
    public List<Entry> files() {
        List<Entry> out = new ArrayList<>();
        for (Path child : children()) {
            String name = child.getFileName().toString();
            if (!Folder.hidden(name) && !Files.isDirectory(child)) {
                out.add(new FileEntry(child, display + "/" + name));
            }
        }
        return out;
    }

    private List<Path> children() {
        if (children != null) {
            return children;
        }
        List<Path> list = new ArrayList<>();
        if (refusals.isEmpty()) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
                for (Path p : ds) {
                    if (list.size() == MAX_ENTRIES) {
                        list.clear();
                        break;
                    }
                    list.add(p);
                }
            } catch (IOException | SecurityException e) {
                list.clear();
            }
        }
        list.sort(Comparator.comparing(p -> p.getFileName().toString()));
        children = List.copyOf(list);
        return children;
    }

    private boolean inside(Path p) {
        try {
            return p.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    private final class FileEntry implements Entry {
        private final Path file;
        private final String shown;

        FileEntry(Path file, String shown) {
            this.file = file;
            this.shown = shown;
        }

        @Override
        public String name() {
            return file.getFileName().toString();
        }

        @Override
        public String display() {
            return shown;
        }

        @Override
        public String read(long limit) throws Rejection {
            Path real;
            try {
                real = file.toRealPath();
            } catch (NoSuchFileException e) {
                throw new Rejection("a link to a file that does not exist");
            } catch (IOException e) {
                throw new Rejection("cannot be read (" + e.getMessage() + ")");
            }
            if (!real.startsWith(root)) {
                throw new Rejection("a link that leads outside the student's directory; oss does not follow it");
            }
            return Files.isSymbolicLink(file) ? readFile(real, limit) : readFile(file, limit);
        }
    }

    /** A regular file of at most {@code limit} bytes, decoded; a FIFO or a device is never opened. */
    static String readFile(Path file, long limit) throws Rejection {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new Rejection("not a regular file");
            }
            if (Files.size(file) > limit) {
                throw TextFiles.tooLarge(limit);
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return TextFiles.read(in, limit);
            }
        } catch (NoSuchFileException e) {
            throw new Rejection("no such file");
        } catch (IOException | SecurityException e) {
            throw new Rejection("cannot be read (" + e.getMessage() + ")");
        }
    }
}
