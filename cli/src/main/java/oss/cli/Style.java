package oss.cli;

/** ANSI colour only when a person is looking: a terminal, and NO_COLOR unset. */
final class Style {
    private final boolean on;

    private Style(boolean on) {
        this.on = on;
    }

    static Style detect() {
        return new Style(System.console() != null && System.getenv("NO_COLOR") == null);
    }

    static Style plain() {
        return new Style(false);
    }

    String bold(String s) {
        return wrap("1", s);
    }

    String red(String s) {
        return wrap("1;31", s);
    }

    String yellow(String s) {
        return wrap("1;33", s);
    }

    String green(String s) {
        return wrap("32", s);
    }

    String cyan(String s) {
        return wrap("36", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
