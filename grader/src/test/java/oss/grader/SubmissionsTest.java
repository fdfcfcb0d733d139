package oss.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every layout {@code oss grade} accepts, and every way a submission is refused (OSS4001). */
class SubmissionsTest {
    static final String NAME = "philosophers.oss";
    static final long SIZE = 1024;

    @TempDir
    Path dir;

    private List<Submission> find(Path... paths) throws Submissions.Unusable {
        return Submissions.find(List.of(paths), NAME, SIZE);
    }

    private static String text(Submission s) {
        try {
            return s.read();
        } catch (Rejection r) {
            return "REJECTED " + r.getMessage();
        }
    }

    /** student → text (or REJECTED why), in the order found. */
    private static Map<String, String> read(List<Submission> subs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Submission s : subs) {
            out.put(s.student(), text(s));
        }
        return out;
    }

    private Path write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aFileIsAStudentNamedAfterIt() throws Exception {
        Path p = write("alice.oss", "scenario \"a\" {}");
        List<Submission> subs = find(p);
        assertEquals(1, subs.size());
        assertEquals("alice", subs.get(0).student());
        assertEquals("alice.oss", subs.get(0).fileName());
        assertEquals(p.toString(), subs.get(0).file());
        assertEquals("scenario \"a\" {}", text(subs.get(0)));
    }

    @Test
    void aStudentDirectoryPrefersTheSubmissionNameThenTheOnlyOssFile() throws Exception {
        write("alice/philosophers.oss", "A");
        write("alice/notes.oss", "not this");
        write("bob/mine.oss", "B");
        write("bob/README.txt", "x");
        write("carol/README.txt", "nothing to grade");
        write("dave/one.oss", "1");
        write("dave/two.oss", "2");
        Map<String, String> found = read(find(dir.resolve("alice"), dir.resolve("bob"), dir.resolve("carol"),
                dir.resolve("dave")));
        assertEquals("A", found.get("alice"));
        assertEquals("B", found.get("bob"));
        assertEquals("REJECTED no philosophers.oss (nor any other .oss file)", found.get("carol"));
        assertTrue(found.get("dave").startsWith("REJECTED no philosophers.oss, and several .oss files (one.oss,"
                + " two.oss)"), found.get("dave"));
    }

    @Test
    void aClassDirectoryHasOneStudentPerDirectoryAndSkipsHiddenOnes() throws Exception {
        write("class/alice/philosophers.oss", "A");
        write("class/bob/src/philosophers.oss", "B");
        write("class/.git/philosophers.oss", "no");
        write("class/__MACOSX/alice/philosophers.oss", "no");
        Files.createDirectories(dir.resolve("class/empty"));
        List<Submission> subs = find(dir.resolve("class"));
        assertEquals(Map.of("alice", "A", "bob", "B", "empty", "REJECTED no philosophers.oss (nor any other .oss"
                + " file)"), read(subs));
        Submission bob = subs.stream().filter(s -> s.student().equals("bob")).findFirst().orElseThrow();
        assertEquals("src/philosophers.oss", bob.fileName());
        assertEquals(dir.resolve("class") + "/bob/src/philosophers.oss", bob.file());
    }

    static final String METADATA = """
            submission_101:
              :submitters:
              - :name: Ada Lovelace
                :sid: '1815'
                :email: ada@example.edu
              :created_at: 2024-03-01 10:00:00.000000000 -08:00
              :score: 7.0
              :history:
              - :created_at: 2024-02-28 09:00:00.000000000 -08:00
                :score: 3.0
                :submitters:
                - :name: Not Read
            submission_102:
              :submitters:
              - :name: "Grace \\"Amazing\\" Hopper"
                :sid: '1906'
              - :name: 'Alan O''Turing'
                :sid: '1912'
              :score: 9.0
            """;

    @Test
    void aGradescopeExportNamesStudentsFromItsMetadata() throws Exception {
        write("export/submission_metadata.yml", METADATA);
        write("export/submission_101/philosophers.oss", "ADA");
        write("export/submission_102/other.oss", "GROUP");
        write("export/submission_103/philosophers.oss", "UNLISTED");
        Map<String, String> found = read(find(dir.resolve("export")));
        assertEquals(Map.of("Ada Lovelace", "ADA", "Grace \"Amazing\" Hopper, Alan O'Turing", "GROUP",
                "submission_103", "UNLISTED"), found);
    }

    @Test
    void aGradescopeExportZipWrappedInItsFolder() throws Exception {
        Path zip = dir.resolve("export.zip");
        zip(zip, Map.of("assignment_9_export/submission_metadata.yml", METADATA,
                "assignment_9_export/submission_101/philosophers.oss", "ADA",
                "assignment_9_export/submission_102/philosophers.oss", "GROUP"));
        List<Submission> subs = find(zip);
        assertEquals(Map.of("Ada Lovelace", "ADA", "Grace \"Amazing\" Hopper, Alan O'Turing", "GROUP"), read(subs));
        assertEquals(zip + "!/assignment_9_export/submission_101/philosophers.oss", subs.get(0).file());
        assertEquals("philosophers.oss", subs.get(0).fileName());
    }

    @Test
    void aPlainZipOfStudentDirectories() throws Exception {
        Path zip = dir.resolve("class.zip");
        zip(zip, Map.of("alice/philosophers.oss", "A", "bob/x.oss", "B", "__MACOSX/alice/._philosophers.oss", "junk"));
        assertEquals(Map.of("alice", "A", "bob", "B"), read(find(zip)));
    }

    @Test
    void oversizeBinaryAndNonUtf8FilesAreRejectedUnread() throws Exception {
        Path big = dir.resolve("big/philosophers.oss");
        Files.createDirectories(big.getParent());
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(100L << 20); // sparse: 100 MB that cost nothing to make, and must cost nothing to refuse
        }
        write("exact/philosophers.oss", "x".repeat((int) SIZE));
        Path bin = dir.resolve("bin/philosophers.oss");
        Files.createDirectories(bin.getParent());
        Files.write(bin, new byte[] {'s', 'c', 0, 1, 2});
        Path latin1 = dir.resolve("latin1/philosophers.oss");
        Files.createDirectories(latin1.getParent());
        Files.write(latin1, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        Map<String, String> found = read(find(dir.resolve("big"), dir.resolve("exact"), dir.resolve("bin"),
                dir.resolve("latin1")));
        assertEquals("REJECTED larger than 1 KiB, the assignment's budget `size`", found.get("big"));
        assertEquals(SIZE, found.get("exact").length());
        assertTrue(found.get("bin").startsWith("REJECTED not a text file"), found.get("bin"));
        assertTrue(found.get("latin1").startsWith("REJECTED not a text file"), found.get("latin1"));
    }

    @Test
    void linksLeadingOutsideTheStudentsDirectoryAreNeverFollowed() throws Exception {
        Path secret = write("secret.oss", "SECRET");
        write("class/bob/philosophers.oss", "BOB");
        Files.createDirectories(dir.resolve("class/alice"));
        Files.createSymbolicLink(dir.resolve("class/alice/philosophers.oss"), secret);
        Files.createDirectories(dir.resolve("class/carol"));
        Files.createSymbolicLink(dir.resolve("class/carol/philosophers.oss"), dir.resolve("class/bob/philosophers.oss"));
        Files.createDirectories(dir.resolve("elsewhere"));
        write("elsewhere/philosophers.oss", "ELSEWHERE");
        Files.createSymbolicLink(dir.resolve("class/dave"), dir.resolve("elsewhere"));
        write("class/erin/real.oss", "ERIN");
        Files.createSymbolicLink(dir.resolve("class/erin/philosophers.oss"), dir.resolve("class/erin/real.oss"));
        Map<String, String> found = read(find(dir.resolve("class")));
        assertEquals("REJECTED a link that leads outside the student's directory; oss does not follow it",
                found.get("alice"));
        assertEquals("REJECTED a link that leads outside the student's directory; oss does not follow it",
                found.get("carol"), "another student's file is outside carol's directory");
        assertEquals("REJECTED dave is a link that leads outside " + dir.resolve("class") + "; oss does not follow it",
                found.get("dave"));
        assertEquals("BOB", found.get("bob"));
        assertEquals("ERIN", found.get("erin"), "a link inside the student's own directory is fine");
    }

    @Test
    void zipEntriesThatClimbOutRejectOnlyTheirStudent() throws Exception {
        Path zip = dir.resolve("class.zip");
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("alice/philosophers.oss", "A");
        entries.put("bob/philosophers.oss", "B");
        entries.put("bob/../../evil.oss", "EVIL");
        entries.put("../outside.oss", "EVIL");
        entries.put("/etc/passwd.oss", "EVIL");
        entries.put("carol\\..\\..\\win.oss", "EVIL");
        zip(zip, entries);
        List<Submission> subs = find(zip);
        Map<String, String> found = read(subs);
        assertEquals("A", found.get("alice"));
        assertEquals("REJECTED its zip entry `bob/../../evil.oss` leads outside its directory; oss does not read it",
                found.get("bob"));
        assertEquals("REJECTED its zip entry `carol\\..\\..\\win.oss` leads outside its directory; oss does not"
                + " read it", found.get("carol"));
        assertEquals("REJECTED its zip entry `../outside.oss` leads outside its directory; oss does not read it",
                found.get(".._outside.oss"));
        assertEquals("REJECTED its zip entry `/etc/passwd.oss` has an absolute path; oss does not read it",
                found.get("_etc_passwd.oss"));
        assertEquals(5, subs.size());
        for (Submission s : subs) {
            assertTrue(!s.student().contains("/") && !s.student().contains("\\"), s.student());
        }
    }

    @Test
    void aLinkInsideAZipIsRefused() throws Exception {
        Path zip = dir.resolve("class.zip");
        zip(zip, Map.of("alice/philosophers.oss", "../../../etc/passwd", "bob/philosophers.oss", "B"));
        markLink(zip, "alice/philosophers.oss");
        assertEquals(Map.of("alice", "REJECTED a link in the zip; oss does not follow links", "bob", "B"),
                read(find(zip)));
    }

    @Test
    void aZipBombIsReadNoFurtherThanTheSizeBudget() throws Exception {
        Path zip = dir.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("alice/philosophers.oss"));
            byte[] zeros = new byte[1 << 20];
            java.util.Arrays.fill(zeros, (byte) ' ');
            for (int i = 0; i < 200; i++) {
                out.write(zeros); // 200 MiB of spaces, about 200 KiB compressed
            }
            out.closeEntry();
            out.putNextEntry(new ZipEntry("bob/philosophers.oss"));
            out.write("B".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertTrue(Files.size(zip) < 2 << 20);
        assertEquals(Map.of("alice", "REJECTED larger than 1 KiB, the assignment's budget `size`", "bob", "B"),
                read(find(zip)));
    }

    @Test
    void aZipsTotalTextIsBoundedAndCutAtTheSamePlaceEveryTime() throws Exception {
        Path zip = dir.resolve("class.zip");
        Map<String, String> entries = new LinkedHashMap<>();
        for (String s : List.of("a", "b", "c", "d")) {
            entries.put(s + "/philosophers.oss", "x".repeat(1000));
        }
        zip(zip, entries);
        for (int run = 0; run < 2; run++) {
            Map<String, String> found = read(Submissions.find(List.of(zip), NAME, SIZE, 2500));
            assertEquals(1000, found.get("a").length());
            assertEquals(1000, found.get("b").length());
            assertTrue(found.get("c").startsWith("REJECTED not read: it would take oss past 2500 bytes"),
                    found.get("c"));
            assertTrue(found.get("d").startsWith("REJECTED not read: oss has already read 2500 bytes"),
                    found.get("d"));
        }
    }

    @Test
    void aZipWithTooManyEntriesIsRefusedAsAWhole() throws Exception {
        Path zip = dir.resolve("many.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i <= ZipFolder.MAX_ENTRIES; i++) {
                out.putNextEntry(new ZipEntry("s" + i + "/"));
                out.closeEntry();
            }
        }
        Submissions.Unusable e = assertThrows(Submissions.Unusable.class, () -> find(zip));
        assertTrue(e.getMessage().contains("more than 65536 entries"), e.getMessage());
    }

    @Test
    void pathsThatCannotBeGradedAreUsageErrors() throws Exception {
        Path notes = write("notes.txt", "hello");
        assertThrows(Submissions.Unusable.class, () -> find(dir.resolve("missing")));
        Submissions.Unusable e = assertThrows(Submissions.Unusable.class, () -> find(notes));
        assertEquals(notes + ": not a .oss file, a directory or a .zip", e.getMessage());
        Path broken = dir.resolve("broken.zip");
        Files.write(broken, new byte[] {'P', 'K', 3, 4, 0, 0});
        assertThrows(Submissions.Unusable.class, () -> find(broken));
    }

    @Test
    void namesAreSafeAsDirectoryNames() {
        assertEquals("a_b", Submission.safeName("a/b"));
        assertEquals("_..", Submission.safeName(".."));
        assertEquals("_.", Submission.safeName("."));
        assertEquals("_", Submission.safeName(" "));
        assertEquals("Ada Lovelace", Submission.safeName("Ada Lovelace"));
    }

    static void zip(Path zip, Map<String, String> entries) throws IOException {
        try (OutputStream f = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(f)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    /** Marks an entry as a Unix symbolic link, as {@code zip -y} writes one: host 3, mode 0120777. */
    static void markLink(Path zip, String name) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int p = 0; p + 46 < b.length; p++) {
            if (b[p] == 'P' && b[p + 1] == 'K' && b[p + 2] == 1 && b[p + 3] == 2) {
                int length = (b[p + 28] & 0xFF) | (b[p + 29] & 0xFF) << 8;
                if (new String(b, p + 46, length, StandardCharsets.UTF_8).equals(name) && length == n.length) {
                    b[p + 5] = 3;
                    int mode = 0120777 << 16;
                    for (int i = 0; i < 4; i++) {
                        b[p + 38 + i] = (byte) (mode >>> (8 * i));
                    }
                    Files.write(zip, b);
                    return;
                }
            }
        }
        fail("no central directory entry " + name);
    }
}
