package dev.steward.alignment.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Files;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * A {@link FileIO} over the local file system, for a warehouse in a local folder: Iceberg's own
 * local files ({@link Files#localInput}, {@link Files#localOutput}) behind the FileIO interface, so
 * that no Hadoop is needed. Locations are paths or {@code file:} URIs; any other scheme is refused.
 * Public with a no-argument constructor so that it can also be named as {@code io-impl}.
 */
public final class LocalFileIO implements FileIO {
    private Map<String, String> properties = Map.of();

    public LocalFileIO() {
    }

    @Override
    public void initialize(Map<String, String> props) {
        this.properties = props == null ? Map.of() : Map.copyOf(props);
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public InputFile newInputFile(String path) {
        return Files.localInput(local(path).toFile());
    }

    @Override
    public OutputFile newOutputFile(String path) {
        return Files.localOutput(local(path).toFile());
    }

    @Override
    public void deleteFile(String path) {
        try {
            java.nio.file.Files.deleteIfExists(local(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    static Path local(String location) {
        Objects.requireNonNull(location, "location");
        if (location.startsWith("file:")) {
            try {
                return Paths.get(URI.create(location));
            } catch (IllegalArgumentException notAUri) {
                String rest = location.substring("file:".length());
                while (rest.startsWith("//")) rest = rest.substring(1);
                return Paths.get(rest);
            }
        }
        int scheme = location.indexOf("://");
        if (scheme > 0 && location.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new IllegalArgumentException("the built-in LocalFileIO reads local files only, not " + location
                    + "; set io-impl to a FileIO for " + location.substring(0, scheme) + " on the class path");
        }
        return Paths.get(location);
    }
}
