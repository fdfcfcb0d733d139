package oss.grader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Finds the students and their files in what {@code oss grade} is pointed at (docs/grading.md,
 * "Grading"): a {@code .oss} file; a directory of one student's files; a directory of such
 * directories; a Gradescope "Export Submissions" directory or zip; a zip of student directories.
 * A student whose file is missing, too large, not text, or reached through a link or zip entry
 * that leads outside their directory is still listed, with the {@link Rejection} as its source:
 * it scores 0 with OSS4001 and nobody else is affected.
 */
public final class Submissions {
    /** How deep in a student's directory their file is looked for. */
    static final int DEPTH = 3;
    /** The most metadata read of a Gradescope export. */
    static final long MAX_METADATA = 16L << 20;

    private final String submissionName;
    private final long sizeLimit;
    private final long zipText;

    private Submissions(String submissionName, long sizeLimit, long zipText) {
        this.submissionName = submissionName;
        this.sizeLimit = sizeLimit;
        this.zipText = zipText;
    }

    /** A path on the command line that cannot be graded at all: a usage error, found before any grading. */
    public static final class Unusable extends Exception {
        public Unusable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Every submission under {@code paths}, in the order found (the grader sorts its results).
     *
     * @param submissionName the assignment's {@code submission} file name
     * @param sizeLimit      the budget's {@code size}: larger files are rejected unread
     */
    public static List<Submission> find(List<Path> paths, String submissionName, long sizeLimit) throws Unusable {
        return find(paths, submissionName, sizeLimit, ZipFolder.MAX_TEXT);
    }

    /** {@link #find} with the most text read out of each zip given ({@link ZipFolder#MAX_TEXT} otherwise). */
    static List<Submission> find(List<Path> paths, String submissionName, long sizeLimit, long zipText)
            throws Unusable {
        Submissions s = new Submissions(submissionName, sizeLimit, zipText);
        List<Submission> out = new ArrayList<>();
        for (Path p : paths) {
            out.addAll(s.at(p));
        }
        return out;
    }

    private List<Submission> at(Path p) throws Unusable {
        try {
            if (Files.isDirectory(p)) {
                return fromFolder(DirFolder.top(p));
            }
            if (!Files.exists(p)) {
                throw new Unusable(p + ": no such file or directory");
            }
            String name = p.getFileName() == null ? p.toString() : p.getFileName().toString();
            if (name.endsWith(".oss")) {
                String student = Submission.safeName(name.substring(0, name.length() - 4));
                return List.of(new Submission(student, p.toString(), name, () -> named(p, sizeLimit)));
            }
            if (isZip(p)) {
                return fromZip(p);
            }
            throw new Unusable(p + ": not a .oss file, a directory or a .zip");
        } catch (IOException e) {
            throw new Unusable(p + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A file named on the command line: trusted wherever a link in its path leads. */
    private static String named(Path p, long limit) throws Rejection {
        try {
            return DirFolder.readFile(p.toRealPath(), limit);
        } catch (IOException e) {
            throw new Rejection("cannot be read (" + e.getMessage() + ")");
        }
    }

    private static boolean isZip(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    /** A zip's files are read now, in order, so that its total-size bound cuts at the same place every run. */
    private List<Submission> fromZip(Path p) throws Unusable, IOException {
        try (ZipFile zip = new ZipFile(p.toFile())) {
            List<Submission> found = fromFolder(ZipFolder.open(p, zip, zipText));
            List<Submission> read = new ArrayList<>();
            for (Submission s : found) {
                Submission.Source source;
                try {
                    source = Submission.Source.text(s.read());
                } catch (Rejection r) {
                    source = Submission.Source.rejected(r.getMessage());
                }
                read.add(new Submission(s.student(), s.file(), s.fileName(), source));
            }
            return read;
        } catch (ZipException e) {
            throw new Unusable(p + ": not a zip oss can read (" + e.getMessage() + ")");
        }
    }

    private List<Submission> fromFolder(Folder f) {
        if (file(f, GradescopeMetadata.FILE).isPresent()) {
            return gradescope(f);
        }
        if (isStudent(f)) {
            return List.of(student(f, f.name()));
        }
        List<Folder> sub = f.folders();
        if (f.files().isEmpty() && f.refusals().isEmpty() && sub.size() == 1) {
            return fromFolder(sub.get(0));
        }
        List<Submission> out = new ArrayList<>(strays(f));
        for (Folder s : sub) {
            out.addAll(file(s, GradescopeMetadata.FILE).isPresent() ? gradescope(s) : List.of(student(s, s.name())));
        }
        return out;
    }

    /** A student's directory holds a .oss file, or nothing else to look into. */
    private boolean isStudent(Folder f) {
        return f.folders().isEmpty() || f.files().stream().anyMatch(e -> isOss(e.name()));
    }

    private boolean isOss(String name) {
        return name.equals(submissionName) || name.endsWith(".oss");
    }

    /** A class folder's own refusals belong to no student: each is listed as a rejected one of its own. */
    private static List<Submission> strays(Folder f) {
        List<Submission> out = new ArrayList<>();
        for (String why : f.refusals()) {
            String entry = why.contains("`") ? why.substring(why.indexOf('`') + 1, why.lastIndexOf('`')) : why;
            out.add(new Submission(Submission.safeName(entry), f.display() + "/" + entry, "",
                    Submission.Source.rejected(why)));
        }
        return out;
    }

    private List<Submission> gradescope(Folder export) {
        Map<String, List<String>> names = Map.of();
        Optional<Folder.Entry> metadata = file(export, GradescopeMetadata.FILE);
        try {
            names = GradescopeMetadata.parse(metadata.orElseThrow().read(MAX_METADATA));
        } catch (Rejection r) {
            // Without names the folders still grade, named as Gradescope named them.
        }
        List<Submission> out = new ArrayList<>(strays(export));
        for (Folder s : export.folders()) {
            List<String> who = names.getOrDefault(s.name(), List.of());
            out.add(student(s, who.isEmpty() ? s.name() : String.join(", ", who)));
        }
        return out;
    }

    private Submission student(Folder folder, String name) {
        String student = Submission.safeName(name);
        Optional<String> refused = refusal(folder);
        if (refused.isPresent()) {
            return new Submission(student, folder.display(), "", Submission.Source.rejected(refused.get()));
        }
        Folder root = folder.asStudent();
        if (!root.refusals().isEmpty()) {
            return new Submission(student, folder.display(), "", Submission.Source.rejected(root.refusals().get(0)));
        }
        List<Candidate> exact = new ArrayList<>();
        List<Candidate> oss = new ArrayList<>();
        Deque<Candidate> queue = new ArrayDeque<>();
        queue.add(new Candidate(root, null, "", 0));
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            for (Folder.Entry e : c.folder.files()) {
                Candidate found = new Candidate(c.folder, e, c.relative + e.name(), c.depth);
                if (e.name().equals(submissionName)) {
                    exact.add(found);
                } else if (e.name().endsWith(".oss")) {
                    oss.add(found);
                }
            }
            if (c.depth < DEPTH) {
                for (Folder s : c.folder.folders()) {
                    queue.add(new Candidate(s, null, c.relative + s.name() + "/", c.depth + 1));
                }
            }
        }
        Candidate chosen = !exact.isEmpty() ? exact.get(0) : oss.size() == 1 ? oss.get(0) : null;
        if (chosen == null) {
            String why = oss.isEmpty() ? "no " + submissionName + " (nor any other .oss file)"
                    : "no " + submissionName + ", and several .oss files (" + names(oss)
                    + "): rename the one to grade " + submissionName + ", or name each file on the command line";
            return new Submission(student, folder.display(), "", Submission.Source.rejected(why));
        }
        Folder.Entry e = chosen.entry;
        return new Submission(student, e.display(), chosen.relative, () -> e.read(sizeLimit));
    }

    private record Candidate(Folder folder, Folder.Entry entry, String relative, int depth) {}

    private static String names(List<Candidate> cs) {
        List<String> n = cs.stream().map(Candidate::relative).limit(5).toList();
        return String.join(", ", n) + (cs.size() > 5 ? ", ..." : "");
    }

    /** The first refusal in a folder or anything below it (a zip entry climbing out of a subfolder). */
    private static Optional<String> refusal(Folder f) {
        Deque<Folder> queue = new ArrayDeque<>(List.of(f));
        int seen = 0;
        while (!queue.isEmpty() && seen++ < 10_000) {
            Folder g = queue.poll();
            if (!g.refusals().isEmpty()) {
                return Optional.of(g.refusals().get(0));
            }
            queue.addAll(g.folders());
        }
        return Optional.empty();
    }

    private static Optional<Folder.Entry> file(Folder f, String name) {
        return f.files().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
