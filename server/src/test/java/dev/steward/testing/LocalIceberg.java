package dev.steward.testing;

import dev.steward.alignment.iceberg.LocalFileIO;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Iceberg JdbcCatalog over a SQLite file with a local warehouse, for writing tables in tests, and
 * Iceberg's own REST catalog ({@link RESTCatalogAdapter} behind {@link RESTCatalogServlet}, on Jetty)
 * serving a catalog over HTTP.
 */
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

    /** A REST catalog server on 127.0.0.1 and a free port. */
    public static final class RestServer implements AutoCloseable {
        private final Server jetty;
        private final String uri;

        private RestServer(Server jetty, String uri) {
            this.jetty = jetty;
            this.uri = uri;
        }

        /** {@code http://127.0.0.1:PORT}: what a REST source's {@code uri} is. */
        public String uri() {
            return uri;
        }

        @Override
        public void close() throws Exception {
            jetty.stop();
        }
    }

    /** Serves {@code catalog} over Iceberg's REST protocol; {@code filter}, if not null, sees every request. */
    public static RestServer serve(Catalog catalog, Filter filter) throws Exception {
        Server jetty = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new RESTCatalogServlet(new RESTCatalogAdapter(catalog))), "/*");
        if (filter != null) context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
        return new RestServer(jetty, "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort());
    }
}
