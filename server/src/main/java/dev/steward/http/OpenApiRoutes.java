package dev.steward.http;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;

import dev.steward.catalog.load.yaml.SafeYamlReader;
import dev.steward.catalog.load.yaml.YamlFile;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * The API described: {@code /openapi.json} (written by hand in {@code openapi.yaml} next to this
 * class, checked against the real routes by {@code OpenApiTest}) and Swagger UI at {@code /api/docs},
 * served from the swagger-ui webjar.
 */
final class OpenApiRoutes {
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/5.34.1/";
    private static final Set<String> ASSETS = Set.of("swagger-ui.css", "swagger-ui-bundle.js",
            "swagger-ui-standalone-preset.js", "favicon-32x32.png", "favicon-16x16.png");
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Steward API</title>
              <link rel="stylesheet" href="/api/docs/swagger-ui.css">
              <link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/api/docs/swagger-ui-bundle.js"></script>
              <script src="/api/docs/swagger-ui-standalone-preset.js"></script>
              <script src="/api/docs/init.js"></script>
            </body>
            </html>
            """;
    private static final String INIT = """
            window.onload = function () {
              window.ui = SwaggerUIBundle({
                url: '/openapi.json',
                dom_id: '#swagger-ui',
                deepLinking: true,
                presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                layout: 'StandaloneLayout'
              });
            };
            """;

    private final Map<String, Object> document = load();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) throw new IllegalStateException("openapi.yaml is missing from the build");
            YamlFile yaml = new SafeYamlReader().read("openapi.yaml", in.readAllBytes());
            if (!yaml.problems().isEmpty()) throw new IllegalStateException(yaml.problems().get(0).format());
            return (Map<String, Object>) yaml.documents().get(0).root();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OpenAPI document and Swagger UI, which reads it. */
    EndpointGroup group() {
        return () -> {
            get("/openapi.json", this::document);
            path("/api/docs", () -> {
                get(this::page);
                get("{file}", this::asset);
            });
        };
    }

    void document(Context ctx) {
        ctx.json(document);
    }

    void page(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("text/html; charset=utf-8").result(PAGE);
    }

    void asset(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        if (file.equals("init.js")) {
            ctx.contentType("text/javascript; charset=utf-8").result(INIT);
            return;
        }
        if (!ASSETS.contains(file)) throw ApiError.notFound("no such file: " + file);
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(WEBJAR + file)) {
            if (in == null) throw ApiError.notFound("no such file: " + file);
            String type = file.endsWith(".css") ? "text/css" : file.endsWith(".png") ? "image/png" : "text/javascript";
            ctx.header("Cache-Control", "max-age=86400").contentType(type).result(in.readAllBytes());
        }
    }
}
