package dev.steward.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jgit.lib.AnyObjectId;

/**
 * A file of a commit that is there but cannot be read: a missing or corrupt object, an unreadable
 * pack. A fault of the repository, never of the catalog, so it fails the load instead of becoming
 * "no file at this commit" blamed on the manifest that pointed at it. The JGit error is the cause.
 */
public final class GitReadException extends IOException {
    private final String commit;
    private final String path;

    public GitReadException(AnyObjectId commit, String path, IOException cause) {
        super("cannot read " + path + " at " + commit.name() + ": " + cause.getMessage(), cause);
        this.commit = commit.name();
        this.path = path;
    }

    public String commit() {
        return commit;
    }

    public String path() {
        return path;
    }

    /** A load whose file reads may fail with an I/O error. */
    @FunctionalInterface
    public interface Load<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code load}, giving back as the IOException it is a read fault that {@code RepoFiles},
     * whose callers (placeholders, Location targets, a parallel stream) take no checked exceptions,
     * could only throw wrapped.
     */
    public static <T> T unwrapping(Load<T> load) throws IOException {
        try {
            return load.run();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
