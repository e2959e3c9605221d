package dev.steward.http;

import static io.javalin.apibuilder.ApiBuilder.get;

import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The web UI: one HTML page for every deep link; its script routes by path. */
final class UiRoutes {
    /** The UI's pages. Not API, so not in openapi.json. */
    static final List<String> PAGES = List.of("/", "/entities/*", "/teams/*", "/explorer", "/plans",
            "/incidents", "/incidents/*", "/runbooks", "/readiness", "/readiness/*", "/alignment");

    private static final byte[] INDEX = index();

    private UiRoutes() {
    }

    static EndpointGroup group() {
        return () -> PAGES.forEach(page -> get(page, UiRoutes::page));
    }

    private static byte[] index() {
        try (InputStream in = UiRoutes.class.getResourceAsStream("/steward/web/index.html")) {
            return in == null ? "<!doctype html><p>The UI is missing from this build.</p>".getBytes() : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nothing inline in the page, so a strict CSP. */
    private static void page(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("text/html; charset=utf-8").result(INDEX);
    }
}
