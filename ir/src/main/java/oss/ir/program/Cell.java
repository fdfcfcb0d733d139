package oss.ir.program;

/**
 * A place a data value lives: one element of a variable. {@code base} and {@code length} locate
 * the variable (a scalar has length 1), {@code index} says which element (a {@link Val.Const} 0
 * for a scalar; otherwise an expression over private cells, checked against the length when it
 * is read). {@code name} is the variable's name as written, for messages and hovers.
 *
 * <ul>
 *   <li>{@link Scope#SHARED}: a variable declared at the top of the scenario, in
 *       {@link SharedData#variables()}; {@code base} indexes {@link SharedData#cells()}.
 *   <li>{@link Scope#GROUP}: a variable of a process whose threads share it; it lives in the
 *       thread group leader's local slots ({@link ProcessDef#slots()}), {@code base} a slot.
 *   <li>{@link Scope#PRIVATE}: a slot of the task itself: a variable only it can see (a process
 *       without threads, a thread's own variable) or a temporary the lowering made.
 * </ul>
 *
 * {@code process} is -1 in ops (the executing task); in an expectation it names the declared
 * process (index into {@link Program#processes()}) whose slot is meant.
 */
public record Cell(Scope scope, int process, int base, int length, Val index, String name) {

    public enum Scope {
        SHARED, GROUP, PRIVATE
    }

    /** A scalar of the executing task or of the scenario. */
    public static Cell scalar(Scope scope, int base, String name) {
        return new Cell(scope, -1, base, 1, new Val.Const(0), name);
    }

    /** Others may see it: reading or writing it is a step of its own. */
    public boolean visible() {
        return scope != Scope.PRIVATE;
    }
}
