package dev.steward.testing;

import dev.steward.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code steward} command line in-process and captures what it prints and its exit code. */
public final class Cli {
    private Cli() {
    }

    public record Run(int code, String out, String err) {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** With the given environment instead of the process's. */
    public static Run withEnvironment(java.util.Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code command --repo=REPO args...}. */
    public static Run inRepo(String command, java.nio.file.Path repo, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = command;
        full[1] = "--repo=" + repo;
        System.arraycopy(args, 0, full, 2, args.length);
        return run(full);
    }
}
