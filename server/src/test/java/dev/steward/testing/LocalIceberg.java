package dev.steward.testing;

import dev.steward.alignment.iceberg.LocalFileIO;
import java.util.Map;
import org.apache.iceberg.jdbc.JdbcCatalog;

/** A real Iceberg JdbcCatalog over a SQLite file with a local warehouse, for writing tables in tests. */
public final class LocalIceberg {
    private LocalIceberg() {
    }

    /** The catalog named {@code jdbc} (Iceberg's default, which the JDBC source reads) at {@code uri}. */
    public static JdbcCatalog writer(String uri, String warehouse) {
        JdbcCatalog writer = new JdbcCatalog();
        writer.initialize("jdbc", Map.of("uri", uri, "warehouse", warehouse, "io-impl", LocalFileIO.class.getName(),
                "jdbc.schema-version", "V1"));
        return writer;
    }
}
