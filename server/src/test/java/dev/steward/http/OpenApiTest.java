package dev.steward.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json} is a valid OpenAPI 3 document (checked by swagger-parser) that describes
 * exactly the routes the server has: every route is documented with its method, and every documented
 * operation is a route.
 */
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Javalin app() {
        return StewardApp.create(AppContext.of(new LiveCatalog(Catalog.empty(null, List.of()),
                SyncStatus.starting("test", "main", 0))));
    }

    /** {@code GET /api/runbooks/{path}}: Javalin's {@code <path>} and {@code {path}} both as OpenAPI's {@code {path}}. */
    private static String operation(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path.replace('<', '{').replace('>', '}');
    }

    @Test
    void documentIsValidOpenApiAndMatchesTheRealRoutes() {
        Javalin app = app();
        JavalinTest.test(app, (server, client) -> {
            String body = client.get("/openapi.json").body().string();
            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(body);
            assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(),
                    "swagger-parser: " + parsed.getMessages());
            assertTrue(parsed.getOpenAPI() != null && parsed.getOpenAPI().getPaths().size() > 30);

            Set<String> documented = new TreeSet<>();
            JsonNode paths = JSON.readTree(body).get("paths");
            paths.fieldNames().forEachRemaining(path -> paths.get(path).fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) documented.add(operation(method, path));
            }));

            Set<String> real = new TreeSet<>();
            server.unsafe.internalRouter.allHttpHandlers().forEach(parsedEndpoint -> {
                var endpoint = parsedEndpoint.endpoint;
                String method = endpoint.method.name();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) return;
                if (UiRoutes.PAGES.contains(endpoint.path)) return;
                if (endpoint.path.equals("/api/docs/{file}")) return; // Swagger UI's own assets
                real.add(operation(method, endpoint.path));
            });

            assertTrue(real.size() > 40 && real.contains("GET /api/who") && real.contains("POST /api/catalog/entities/by-query"),
                    real.toString());
            Set<String> undocumented = new TreeSet<>(real);
            undocumented.removeAll(documented);
            Set<String> missing = new TreeSet<>(documented);
            missing.removeAll(real);
            assertEquals(Set.of(), undocumented, "routes missing from openapi.yaml");
            assertEquals(Set.of(), missing, "documented operations the server does not have");
        });
    }

    @Test
    void swaggerUiIsServedWithItsAssets() {
        JavalinTest.test(app(), (server, client) -> {
            String page = client.get("/api/docs").body().string();
            assertTrue(page.contains("/api/docs/swagger-ui-bundle.js") && page.contains("/api/docs/init.js"), page);
            var bundle = client.get("/api/docs/swagger-ui-bundle.js");
            assertEquals(200, bundle.code());
            assertTrue(bundle.body().string().length() > 1_000_000);
            assertTrue(client.get("/api/docs/init.js").body().string().contains("url: '/openapi.json'"));
            assertEquals(404, client.get("/api/docs/..%2F..%2Fpom.xml").code());
        });
    }
}
