package oss.analysis.data;

import oss.ir.program.Cell;
import oss.ir.program.Program;

/** A cell as a student wrote it: {@code count}, {@code slot[2]}, and {@code P.r} for a process's own variable. */
public final class CellNames {
    private CellNames() {}

    /** Element {@code index} of {@code cell}; the process is named only when the cell says which one it is. */
    public static String of(Program program, Cell cell, int index) {
        String owner = cell.scope() != Cell.Scope.SHARED && cell.process() >= 0
                && cell.process() < program.processes().size()
                ? program.processes().get(cell.process()).name() + "." : "";
        if (cell.name().startsWith(owner)) {
            owner = ""; // the compiler already named it as written, `P.r`
        }
        return owner + cell.name() + (cell.length() > 1 ? "[" + index + "]" : "");
    }
}
