package dev.steward.runbooks;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.responsibility;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.model.Problem;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.testing.TestRepo;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runbooks: rendering, sanitising, link checks, staleness, paths and search. */
class RunbookTest {
    /** Thirty-odd ways to smuggle script into Markdown, from OWASP's XSS filter evasion cheat sheet and beyond. */
    static final List<String> XSS = List.of(
            "<script>alert(1)</script>",
            "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<img src=\"javascript:alert(1)\">",
            "<IMG SRC=JaVaScRiPt:alert('XSS')>",
            "<img src=`javascript:alert(1)`>",
            "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<body onload=alert(1)>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<embed src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<a href=\"JAVASCRIPT:alert(1)\">click</a>",
            "<a href=\"jav&#x09;ascript:alert(1)\">click</a>",
            "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">click</a>",
            "<a href=\"data:text/html,<script>alert(1)</script>\">click</a>",
            "<a href=\"vbscript:msgbox(1)\">click</a>",
            "[click](javascript:alert(1))",
            "[click](JavaScript:alert(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![img](javascript:alert(1))",
            "[a](<javascript:alert(1)>)",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<p onclick=\"alert(1)\">x</p>",
            "<details open ontoggle=alert(1)>x</details>",
            "<input autofocus onfocus=alert(1)>",
            "<form action=\"javascript:alert(1)\"><button>x</button></form>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<link rel=stylesheet href=\"javascript:alert(1)\">",
            "<base href=\"javascript:alert(1)//\">",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<<script>alert(1)//<</script>",
            "<img src=x onerror=\"alert(1)\"",
            "<a href='javas\ncript:alert(1)'>x</a>",
            "<table><tr><td background=\"javascript:alert(1)\">x</td></tr></table>",
            "```html\n<script>alert(1)</script>\n```",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "<style>@import 'javascript:alert(1)';</style>");

    @Test
    void noVectorOfTheXssCorpusLeavesExecutableScript() {
        assertTrue(XSS.size() >= 30);
        for (String vector : XSS) {
            String html = RunbookRenderer.render("x.md", "# Title\n\n" + vector + "\n\nafter\n");
            assertNoScript(vector, html);
        }
        String all = RunbookRenderer.render("x.md", String.join("\n\n", XSS));
        assertNoScript("the whole corpus at once", all);
    }

    /** Parses the output with a real HTML parser and looks for anything that could run. */
    static void assertNoScript(String vector, String html) {
        Document doc = Jsoup.parse(html);
        for (Element e : doc.getAllElements()) {
            String tag = e.tagName().toLowerCase(Locale.ROOT);
            assertFalse(List.of("script", "iframe", "object", "embed", "svg", "math", "style", "form", "input", "meta",
                    "link", "base", "body-onload").contains(tag) && e != doc.body() && e != doc.head()
                    && !(tag.equals("body") || tag.equals("head") || tag.equals("html")),
                    () -> "element <" + tag + "> survived for " + vector + ": " + html);
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                String value = a.getValue().toLowerCase(Locale.ROOT).replaceAll("[\\s\\x00-\\x1f]", "");
                assertFalse(name.startsWith("on"), () -> "event handler " + name + " survived for " + vector + ": " + html);
                assertFalse(name.equals("style") || name.equals("srcdoc") || name.equals("background"),
                        () -> name + " survived for " + vector);
                assertFalse(value.startsWith("javascript:") || value.startsWith("vbscript:") || value.startsWith("data:"),
                        () -> "URL " + a.getValue() + " survived for " + vector + ": " + html);
            }
        }
    }

    @Test
    void rendersTablesAnchorsAndFencedCode() {
        String html = RunbookRenderer.render("flink/upgrade.md", """
                # Upgrade Flink

                | step | command |
                |---|---|
                | savepoint | `flink savepoint` |

                ```sh
                flink run -s s3://x <job>
                ```

                See [canary](canary.md#steps), [the table](entity:resource:default/orders-fact) and [docs](https://flink.apache.org).
                """);
        Document doc = Jsoup.parse(html);
        assertEquals("upgrade-flink", doc.selectFirst("h1").id());
        assertEquals(1, doc.select("table th").stream().filter(th -> th.text().equals("command")).count());
        assertEquals("language-sh", doc.selectFirst("pre code").className());
        assertEquals("flink run -s s3://x <job>\n", doc.selectFirst("pre code").wholeText());
        List<String> hrefs = doc.select("a").eachAttr("href");
        assertEquals(List.of("/runbooks/flink/canary.md#steps", "/entities/resource/default/orders-fact",
                "https://flink.apache.org"), hrefs);
    }

    @Test
    void brokenLinksAndBadFrontMatterAreErrorsAtTheirLineAndOldRunbooksAreStale(@TempDir Path tmp) {
        try (TestRepo repo = TestRepo.create(tmp)) {
            Catalog catalog = repo.manifest("all.yaml", group("lakehouse", "") + resource("orders-fact",
                            "type: iceberg-table\nowner: lakehouse") + responsibility("compaction", "type: duty"))
                    .runbook("iceberg/compaction.md", """
                            ---
                            title: Compaction
                            owner: group:lakehouse
                            responsibilities: [compaction]
                            reviewed: 2020-01-01
                            ---
                            # Compaction

                            See [the other runbook](../flink/missing.md), [a table](entity:resource:default/orders-fact),
                            [a ghost](entity:resource:default/ghost) and [escape](../../../etc/passwd.md).
                            """)
                    .runbook("flink/ok.md", "---\nowner: group:nobody\nresponsibilities: [nonsense]\nreviewed: soon\n---\n# ok\n")
                    .commitAndLoad();
            List<String> problems = catalog.problems().stream().map(Problem::format).toList();
            assertTrue(problems.contains("runbooks/iceberg/compaction.md:9: broken link '../flink/missing.md': "
                    + "no runbook flink/missing.md"), problems.toString());
            assertTrue(problems.contains("runbooks/iceberg/compaction.md:10: broken link 'entity:resource:default/ghost': "
                    + "no entity resource:default/ghost"), problems.toString());
            assertTrue(problems.contains("runbooks/iceberg/compaction.md:10: broken link '../../../etc/passwd.md': "
                    + "it leaves the runbooks root"), problems.toString());
            assertTrue(problems.contains("runbooks/iceberg/compaction.md:5: warning: stale runbook: last reviewed "
                    + "2020-01-01, more than 180 days ago"), problems.toString());
            assertTrue(problems.contains("runbooks/flink/ok.md:2: front matter owner: group:default/nobody does not exist"),
                    problems.toString());
            assertTrue(problems.contains("runbooks/flink/ok.md:3: front matter responsibilities: 'nonsense' is not a "
                    + "responsibility of this catalog"), problems.toString());
            assertTrue(problems.contains("runbooks/flink/ok.md:4: front matter reviewed: 'soon' is not a date such as "
                    + "2026-10-01"), problems.toString());
            assertEquals(6, catalog.errors().size(), problems.toString());
        }
    }

    @Test
    void runbookPagesAreServedSafelyAndPathsNeverLeaveTheRoot(@TempDir Path tmp) {
        try (TestRepo repo = TestRepo.create(tmp)) {
            Catalog catalog = repo.manifest("all.yaml", group("lakehouse", ""))
                    .runbook("iceberg/compaction.md", "---\ntitle: Compaction <b>now</b>\nreviewed: 2026-11-01\n---\n"
                            + "# Compaction\n\n<script>alert(1)</script>\n\nRun `CALL system.rewrite_data_files`.\n")
                    .write("secret.md", "# outside the runbooks root\n")
                    .commitAndLoad();
            LiveCatalog live = new LiveCatalog(catalog, SyncStatus.starting("t", "main", 0));
            JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
                var page = client.get("/runbooks/iceberg/compaction.md");
                assertEquals(200, page.code());
                assertTrue(page.headers().get("Content-Security-Policy").get(0).contains("default-src 'none'"));
                String html = page.body().string();
                assertTrue(html.contains("<title>Compaction &lt;b&gt;now&lt;/b&gt; — Steward runbook</title>"), html);
                assertFalse(html.contains("<script>"), html);
                assertTrue(html.contains("<code>CALL system.rewrite_data_files</code>"), html);
                JsonNode json = new ObjectMapper().readTree(client.get("/api/runbooks/iceberg/compaction.md").body().string());
                assertEquals("iceberg/compaction.md", json.get("path").asText());
                assertFalse(json.get("stale").asBoolean());
                assertTrue(json.get("html").asText().contains("<h1 id=\"compaction\">"));
                for (String attempt : List.of("/runbooks/../secret.md", "/runbooks/iceberg/../../secret.md",
                        "/runbooks/%2e%2e/secret.md", "/runbooks/iceberg/%2e%2e%2f%2e%2e%2fsecret.md",
                        "/api/runbooks/..%2fsecret.md", "/api/runbooks/%252e%252e/secret.md",
                        "/runbooks/..%5csecret.md", "/api/runbooks/%2Fetc%2Fpasswd", "/runbooks/iceberg/compaction.md%2500.md")) {
                    var r = client.get(attempt);
                    assertTrue(r.code() == 404 || r.code() == 400, attempt + " answered " + r.code());
                    assertFalse(r.body().string().contains("outside the runbooks root"), attempt);
                }
            });
        }
    }

    @Test
    void aStaleRunbookPageSaysWhyAndNeverPrintsNull(@TempDir Path tmp) {
        try (TestRepo repo = TestRepo.create(tmp)) {
            Catalog catalog = repo.manifest("all.yaml", group("lakehouse", ""))
                    .runbook("never.md", "---\ntitle: Never\n---\n# Never reviewed\n")
                    .runbook("old.md", "---\ntitle: Old\nreviewed: 2020-01-01\n---\n# Old\n")
                    .commitAndLoad();
            LiveCatalog live = new LiveCatalog(catalog, SyncStatus.starting("t", "main", 0));
            JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
                String never = client.get("/runbooks/never.md").body().string();
                assertTrue(never.contains("Stale: never reviewed (its front matter has no reviewed: date).</p>"), never);
                assertFalse(never.contains("null"), never);
                String old = client.get("/runbooks/old.md").body().string();
                assertTrue(old.contains("Stale: last reviewed 2020-01-01.</p>"), old);
            });
        }
    }

    @Test
    void fullTextSearchFindsRunbooksAndEntities(@TempDir Path tmp) {
        try (TestRepo repo = TestRepo.create(tmp)) {
            Catalog catalog = repo.manifest("all.yaml", group("lakehouse", "") + resource("orders-fact",
                            "type: iceberg-table\nowner: lakehouse").replace("  name: orders-fact",
                            "  name: orders-fact\n  description: Order facts partitioned by day"))
                    .runbook("iceberg/compaction.md", "---\ntitle: Compaction\n---\n# Compaction\n\nRewrite small files "
                            + "with rewrite_data_files and expire snapshots.\n")
                    .commitAndLoad();
            LiveCatalog live = new LiveCatalog(catalog, SyncStatus.starting("t", "main", 0));
            JavalinTest.test(StewardApp.create(AppContext.of(live)), (server, client) -> {
                ObjectMapper mapper = new ObjectMapper();
                JsonNode hits = mapper.readTree(client.get("/api/search?q=snapsh").body().string());
                assertEquals("iceberg/compaction.md", hits.get(0).get("target").asText());
                assertEquals("runbook", hits.get(0).get("kind").asText());
                JsonNode facts = mapper.readTree(client.get("/api/search?q=partitioned%20order").body().string());
                assertEquals("resource:default/orders-fact", facts.get(0).get("target").asText());
                JsonNode hostile = mapper.readTree(client.get("/api/search?q=%22%29%20OR%20*%20NEAR(").body().string());
                assertEquals(0, hostile.size(), "FTS syntax in the query is just words");
                assertEquals(400, client.get("/api/search").code());
                List<String> all = new ArrayList<>();
                mapper.readTree(client.get("/api/runbooks").body().string()).forEach(r -> all.add(r.get("path").asText()));
                assertEquals(List.of("iceberg/compaction.md"), all);
            });
        }
    }
}
