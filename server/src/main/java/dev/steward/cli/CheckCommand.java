package dev.steward.cli;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Problem;
import dev.steward.json.Json;
import dev.steward.plan.GithubAnnotations;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code steward check}: validates the catalog and prints every problem with its file and line. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate the catalog at a commit and print every problem as path:line: message.",
                "Exit 0 when valid, 1 when there are errors, 2 on usage or I/O errors."})
final class CheckCommand implements Callable<Integer> {
    enum Format { text, github, gitlab, json }

    @Mixin
    SourceOptions source;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, github (GitHub Actions ::error annotations), gitlab (a GitLab Code Quality report) "
                    + "or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Option(names = "--worktree", description = "Check the files on disk, uncommitted edits included, instead of --ref.")
    boolean worktree;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Catalog catalog = source.load(worktree);
        PrintWriter out = spec.commandLine().getOut();
        // A plugin that could not load is not a catalog problem, but a check without it proves less: say so.
        source.plugins().loadProblems().forEach(p -> spec.commandLine().getErr().println("steward: plugins: " + p));
        List<Problem> problems = catalog.problems();
        switch (json ? Format.json : format) {
            case json -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("commit", catalog.commit());
                body.put("valid", catalog.isValid());
                body.put("entities", catalog.size());
                body.put("errors", catalog.errors());
                body.put("warnings", catalog.warnings());
                out.println(Json.pretty(body));
            }
            case github -> problems.forEach(p -> out.println(githubAnnotation(p)));
            case gitlab -> out.println(Json.pretty(problems.stream().map(CheckCommand::codeQuality).toList()));
            case text -> {
                problems.forEach(p -> out.println(p.format()));
                out.printf("%s: %d entities, %d errors, %d warnings at %s%n", catalog.isValid() ? "valid" : "invalid",
                        catalog.size(), catalog.errors().size(), catalog.warnings().size(), catalog.commit());
            }
        }
        out.flush();
        return catalog.isValid() ? Main.OK : Main.FINDINGS;
    }

    /** One entry of a GitLab Code Quality report, so the merge request shows the problem at its line. */
    static Map<String, Object> codeQuality(Problem p) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("description", p.message());
        entry.put("check_name", "steward-check");
        entry.put("fingerprint", sha256(p.path() + ":" + p.line() + ":" + p.message()));
        entry.put("severity", p.isError() ? "major" : "minor");
        entry.put("location", Map.of("path", p.path(), "lines", Map.of("begin", p.line())));
        return entry;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String githubAnnotation(Problem p) {
        return GithubAnnotations.annotation(p.isError() ? "error" : "warning", p.path(), p.line(), "steward check",
                p.message());
    }
}
