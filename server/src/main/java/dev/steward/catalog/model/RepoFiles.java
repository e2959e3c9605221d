package dev.steward.catalog.model;


/**
 * Any regular file of the repository at the revision being loaded: what {@code $text}, {@code $json}
 * and {@code $yaml} placeholders and Location targets point at. Paths are repository-relative and
 * already normalised; a symlink or submodule counts as missing. A file that is there but cannot be
 * read (a missing or corrupt Git object) is not missing: the methods throw
 * {@link java.io.UncheckedIOException} for it, so the load fails as an I/O fault instead of blaming
 * the manifest that points at the file.
 */
public interface RepoFiles {
    RepoFiles NONE = new RepoFiles() {
        @Override
        public long size(String path) {
            return -1;
        }

        @Override
        public byte[] read(String path) {
            return null;
        }

        @Override
        public String id(String path) {
            return null;
        }
    };

    /** The file's size in bytes, or -1 when there is no such file. */
    long size(String path);

    /** The file's bytes, or null when there is no such file. Check {@link #size} first. */
    byte[] read(String path);

    /** An id that changes whenever the file's content does (its blob id), or null when missing. */
    String id(String path);
}
