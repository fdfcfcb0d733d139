package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/** The names shared-memory calls set and use are found and renamed like a mapping's. */
class ShmNavigationTest {
    static final String SRC = """
            scenario "x" {
              process a {
                s = shmget 42 8 KiB
                r = shmat s|
                write r[0]
                shmdt r
                shmctl s IPC_RMID
                fd = shm_open "/c" 4 KiB
                m = mmap fd shared rw
              }
            }
            """;
    final NavigationService nav = new NavigationService();

    @Test
    void aSegmentsUsesLeadToItsShmget() {
        Cursor c = Cursor.of(SRC);
        List<Location> defs = nav.definition(c.doc(), c.pos(), () -> { });
        assertEquals(1, defs.size());
        assertEquals(2, defs.get(0).getRange().getStart().getLine());
        List<TextEdit> edits = nav.rename(c.doc(), c.pos(), "seg", () -> { }).getChanges().get(Cursor.URI);
        assertEquals(3, edits.size());
    }

    @Test
    void aDescriptorUsedByMmapIsAReference() {
        Cursor c = Cursor.of(SRC.replace("shmat s|", "shmat s").replace("mmap fd", "mmap f|d"));
        assertEquals(2, nav.references(c.doc(), c.pos(), true, () -> { }).size());
    }

    @Test
    void anAttachedRegionIsRenamedInShmdtToo() {
        Cursor c = Cursor.of(SRC.replace("shmat s|", "shmat s").replace("shmdt r", "shmdt |r"));
        assertEquals(3, nav.references(c.doc(), c.pos(), true, () -> { }).size());
    }
}
