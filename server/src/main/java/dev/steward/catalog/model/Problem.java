package dev.steward.catalog.model;

import java.util.Comparator;

/** One finding about the catalog, located at a file and line. */
public record Problem(String path, int line, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public static final Comparator<Problem> BY_LOCATION = Comparator.comparing(Problem::path)
            .thenComparingInt(Problem::line)
            .thenComparing(Problem::message);

    public static Problem error(String path, int line, String message) {
        return new Problem(path, line, Severity.ERROR, message);
    }

    public static Problem error(SourceLocation at, String message) {
        return error(at.path(), at.line(), message);
    }

    public static Problem warning(SourceLocation at, String message) {
        return new Problem(at.path(), at.line(), Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code path:line: message}, the form editors and CI annotate. */
    public String format() {
        return path + ':' + line + ": " + (isError() ? "" : "warning: ") + message;
    }
}
