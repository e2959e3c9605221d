package dev.steward.catalog.check;

import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one load. Not thread-safe: each parallel stage keeps its own. */
public final class Findings {
    private final List<Problem> problems = new ArrayList<>();

    public void error(String path, int line, String message) {
        problems.add(Problem.error(path, line, message));
    }

    public void error(SourceLocation at, String message) {
        problems.add(Problem.error(at, message));
    }

    public void warning(SourceLocation at, String message) {
        problems.add(Problem.warning(at, message));
    }

    public void addAll(List<Problem> more) {
        problems.addAll(more);
    }

    public List<Problem> problems() {
        return problems;
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
