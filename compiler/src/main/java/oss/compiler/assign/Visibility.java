package oss.compiler.assign;

/** When a student sees a test: Gradescope's four values, spelt as its results.json spells them. */
public enum Visibility {
    VISIBLE("visible"), HIDDEN("hidden"), AFTER_DUE_DATE("after_due_date"), AFTER_PUBLISHED("after_published");

    private final String word;

    Visibility(String word) {
        this.word = word;
    }

    /** The word in an assignment file and in results.json. */
    public String word() {
        return word;
    }

    /** Whether a student sees the test's details before the due date. */
    public boolean shownAtOnce() {
        return this == VISIBLE;
    }
}
