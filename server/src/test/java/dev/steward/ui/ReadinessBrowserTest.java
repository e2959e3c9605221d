package dev.steward.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.model.Entity;
import dev.steward.git.AttestationVoids;
import dev.steward.git.CatalogRepository;
import dev.steward.git.CatalogSync;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.SyncSettings;
import dev.steward.http.ApiTokens;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.rca.ActionSla;
import dev.steward.rca.IncidentService;
import dev.steward.readiness.store.ReadinessService;
import dev.steward.store.Database;
import dev.steward.testing.ProjectPaths;
import dev.steward.testing.TestRepo;
import io.javalin.Javalin;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Production readiness in the UI, in a real headless Chromium, against a started server over a Git
 * copy of this repository's example catalog (its checklists, jobs and runbooks) and a SQLite store:
 * an entity's checks with their real statuses, an attestation made through the form, and a
 * checklist's entities × checks matrix. With {@code -Dsteward.screenshots=true} it saves
 * docs/screenshots/readiness-entity.png and readiness-checklist.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadinessBrowserTest {
    private static final String JOB = "component:default/orders-enrichment";
    private static final String JOB_PAGE = "/entities/component/default/orders-enrichment";
    private static final String CHECKLIST = "streaming-job";
    private static final Set<String> STATUSES = Set.of("pass", "fail", "pending", "expired", "void", "waived", "error");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static TestRepo repo;
    static CatalogRepository repository;
    static CatalogSync sync;
    static LiveCatalog live;
    static Javalin app;
    static WebDriver browser;
    static WebDriverWait wait;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        repo = TestRepo.create(tmp);
        copy(ProjectPaths.root(), "catalog-yaml");
        copy(ProjectPaths.root(), "runbooks");
        repo.commit("the example catalog");
        live = LiveCatalog.empty(SyncStatus.starting("test", "main", 0));
        SyncSettings settings = new SyncSettings("main", "catalog-yaml", "runbooks", Duration.ZERO, 1 << 20, 5);
        sync = new CatalogSync(repo.open(), settings, new ManifestLoader(), live, a -> { }, Clock.systemUTC());
        sync.loadInitial();
        assertTrue(live.current().isValid(), () -> "the example catalog validates: " + live.current().errors());
        assertFalse(live.current().checklists().isEmpty(), "the example catalog has readiness checklists");
        Database db = Database.openSqlite(tmp.resolve("readiness.db"));
        IncidentService incidents = new IncidentService(db, live, Clock.systemUTC(), ActionSla.DEFAULT);
        repository = repo.open();
        ReadinessService readiness = new ReadinessService(db, live, Clock.systemUTC(),
                new AttestationVoids(repository, "catalog-yaml"));
        app = StewardApp.create(AppContext.builder(live).incidents(incidents).tokens(tokens())
                .commits(new CommitCatalogs(repo.open(), settings, new ManifestLoader(), live))
                .readiness(AppContext.Readiness.of(readiness)).build()).start(0);
        base = "http://localhost:" + app.port();
        browser = dev.steward.testing.Browsers.chrome(tmp);
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    /** Copies a folder of the project (the example catalog, its runbooks) into the test repository. */
    private static void copy(Path root, String folder) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve(folder))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                repo.write(root.relativize(file).toString().replace(File.separatorChar, '/'), Files.readAllBytes(file));
            }
        }
    }

    /** A token for every user in the catalog, named after the user (the acting User entity). */
    private static ApiTokens tokens() throws IOException {
        List<String> pairs = new ArrayList<>();
        for (Entity user : live.current().entitiesOfKind("user")) pairs.add(user.ref().name() + "=" + token(user.ref().name()));
        return ApiTokens.load(String.join(",", pairs), null);
    }

    private static String token(String user) {
        return "tok-" + user + "-0123456789";
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (app != null) app.stop();
        if (sync != null) sync.close();
        if (repository != null) repository.close();
        if (repo != null) repo.close();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode readiness(String entity) throws Exception {
        JsonNode all = get("/api/readiness?entity=" + URLEncoder.encode(entity, StandardCharsets.UTF_8));
        for (JsonNode c : all.get("checklists")) {
            if (c.get("checklist").asText().equals(CHECKLIST)) return c;
        }
        throw new AssertionError(CHECKLIST + " does not apply to " + entity + ": " + all);
    }

    private static void open(String path) {
        browser.get(base + path);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("page-title")));
    }

    private static WebElement statusOf(String check) {
        return browser.findElement(By.cssSelector("[data-checklist='" + CHECKLIST + "'] tr[data-check='" + check
                + "'] .pill.check"));
    }

    private static void scrollTo(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
    }

    private static void screenshot(String name) throws Exception {
        dev.steward.testing.Browsers.screenshot(browser, name);
    }

    @Test
    @Order(1)
    void anEntityPageShowsEachCheckWithItsRealStatus() throws Exception {
        JsonNode expected = readiness(JOB);
        open(JOB_PAGE);
        assertEquals("Orders enrichment", browser.findElement(By.id("page-title")).getText());
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#readiness [data-checklist='" + CHECKLIST + "']")));
        assertEquals("Production readiness", browser.findElement(By.id("readiness-heading")).getText());
        String heading = card.findElement(By.tagName("h3")).getText();
        assertTrue(heading.startsWith(expected.get("title").asText()), heading);
        assertTrue(expected.get("ready").asBoolean()
                ? heading.contains(expected.get("level").asText() + " ✓ ready")
                : heading.contains("not ready: needs " + expected.get("gate").asText()), heading);
        List<WebElement> rows = card.findElements(By.cssSelector("tbody tr[data-check]"));
        assertEquals(expected.get("checks").size(), rows.size(), "one row per check");
        Set<String> seen = new HashSet<>();
        for (JsonNode check : expected.get("checks")) {
            String id = check.get("id").asText();
            WebElement pill = statusOf(id);
            String status = check.get("status").asText();
            assertTrue(STATUSES.contains(status), status);
            assertEquals(status, pill.getAttribute("data-status"), id);
            assertTrue(pill.getText().endsWith(status), "the status is written out, not only coloured: " + pill.getText());
            WebElement row = card.findElement(By.cssSelector("tr[data-check='" + id + "']"));
            assertTrue(row.getText().contains(check.get("title").asText()), row.getText());
            if (!check.get("runbook").isNull()) {
                assertNotNull(row.findElement(By.cssSelector("a[href='/runbooks/" + check.get("runbook").asText() + "']")));
            }
            for (JsonNode party : check.get("mustAct")) {
                String team = party.get("ref").asText().replaceFirst("^group:default/", "");
                assertNotNull(row.findElement(By.cssSelector("a[href='/teams/" + team + "']")), "who must act: " + team);
            }
            seen.add(status);
        }
        assertTrue(seen.contains("pass") && seen.contains("pending"),
                "a production job of the example catalog passes its rule checks and awaits attestations: " + seen);
        assertTrue(browser.findElement(By.id("readiness-summary")).getText().contains("level "),
                "the facts say the readiness level too");
    }

    @Test
    @Order(2)
    void anAttestationMadeThroughTheFormShowsAsPass() throws Exception {
        JsonNode check = null;
        for (JsonNode c : readiness(JOB).get("checks")) {
            if (c.get("kind").asText().equals("attest") && c.get("status").asText().equals("pending")
                    && !c.get("by").isEmpty() && !c.get("by").get(0).get("members").isEmpty()) {
                check = c;
                break;
            }
        }
        assertNotNull(check, "a pending attest check with people who may attest it");
        String id = check.get("id").asText();
        String attester = check.get("by").get(0).get("members").get(0).asText().replaceFirst("^user:default/", "");
        String outsider = live.current().entitiesOfKind("user").stream().map(u -> u.ref().name())
                .filter(u -> !eligible(u, attestersOf(id))).findFirst().orElseThrow();
        open(JOB_PAGE);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("attest-form")));
        WebElement button = browser.findElement(By.cssSelector("tr[data-check='" + id + "'] button[data-attest='" + id + "']"));
        button.click();
        assertEquals(CHECKLIST + "/" + id, new Select(browser.findElement(By.id("attest-check"))).getFirstSelectedOption()
                .getAttribute("value"), "the row's button picks its check");
        WebElement evidence = browser.findElement(By.cssSelector("#attest-form input[name=evidence]"));
        assertEquals(evidence, browser.switchTo().activeElement(), "and moves to the evidence field");

        // Evidence that is not an http(s) link: the server's 400 names the field, shown next to the form.
        typeToken(outsider);
        evidence.sendKeys("ftp://files.example/restore.log");
        browser.findElement(By.cssSelector("#attest-form button[type=submit]")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#readiness-feedback [role=alert]")));
        assertTrue(error.getText().startsWith("evidence:"), error.getText());
        assertEquals("true", evidence.getAttribute("aria-invalid"));

        // Someone not among the attesters: 403, said so.
        evidence.clear();
        evidence.sendKeys("https://ci.example/flink/orders-enrichment/readiness/1");
        browser.findElement(By.cssSelector("#attest-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("readiness-feedback"), "may not attest"));
        assertEquals("pending", statusOf(id).getAttribute("data-status"));

        // An eligible member of the party named by `by`.
        typeToken(attester);
        browser.findElement(By.cssSelector("#attest-form input[name=note]")).sendKeys("Run in staging; results linked");
        browser.findElement(By.cssSelector("#attest-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("readiness-feedback"), "Attested " + id));
        wait.until(d -> "pass".equals(statusOf(id).getAttribute("data-status")));
        WebElement row = browser.findElement(By.cssSelector("[data-checklist='" + CHECKLIST + "'] tr[data-check='" + id + "']"));
        WebElement link = row.findElement(By.linkText("evidence"));
        assertEquals("https://ci.example/flink/orders-enrichment/readiness/1", link.getAttribute("href"));
        assertEquals("noopener noreferrer", link.getAttribute("rel"));
        assertTrue(row.getText().contains("by " + attester), row.getText());
        assertTrue(row.findElements(By.cssSelector("button[data-attest]")).isEmpty(), "nothing left to attest");
        assertEquals("pass", statusFromApi(id));
        browser.navigate().refresh(); // a reload shows the same: it came from the store, not the page
        wait.until(d -> !d.findElements(By.cssSelector("tr[data-check='" + id + "'] .pill.check")).isEmpty());
        assertEquals("pass", statusOf(id).getAttribute("data-status"));
        if (Boolean.getBoolean("steward.screenshots")) {
            // Tall enough for the gold checks: the attested one, those still pending, and the forms.
            browser.manage().window().setSize(new Dimension(1280, 2000));
            scrollTo(browser.findElement(By.id("readiness-heading")));
            screenshot("readiness-entity");
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    @Order(3)
    void aWaiverMadeThroughTheFormShowsAsWaivedWithItsReason() throws Exception {
        String id = null;
        for (JsonNode c : readiness(JOB).get("checks")) {
            String status = c.get("status").asText();
            if (!status.equals("pass") && !status.equals("waived")) id = c.get("id").asText();
        }
        assertNotNull(id, "a check of the job that is not met");
        JsonNode approvers = get("/api/who?entity=" + URLEncoder.encode(JOB, StandardCharsets.UTF_8)
                + "&responsibility=readiness-waiver").get("approvers");
        String approver = approvers.get(0).get("members").get(0).asText().replaceFirst("^user:default/", "");
        open(JOB_PAGE);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("waive-form")));
        browser.findElement(By.cssSelector("tr[data-check='" + id + "'] button[data-waive='" + id + "']")).click();
        WebElement reason = browser.findElement(By.cssSelector("#waive-form input[name=reason]"));
        assertEquals(reason, browser.switchTo().activeElement(), "the row's button moves to the reason");
        assertEquals(CHECKLIST + "/" + id, new Select(browser.findElement(By.id("waive-check"))).getFirstSelectedOption()
                .getAttribute("value"));
        typeToken(approver);
        reason.sendKeys("Chaos tooling is being replaced this quarter");
        String until = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString();
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.cssSelector("#waive-form input[name=until]")), until);
        browser.findElement(By.cssSelector("#waive-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("readiness-feedback"), "Waived " + id));
        String check = id;
        wait.until(d -> "waived".equals(statusOf(check).getAttribute("data-status")));
        WebElement row = browser.findElement(By.cssSelector("[data-checklist='" + CHECKLIST + "'] tr[data-check='" + id + "']"));
        assertTrue(row.getText().contains("Chaos tooling is being replaced this quarter"), row.getText());
        assertTrue(row.getText().contains("until " + until), row.getText());
        assertTrue(row.findElements(By.cssSelector("button")).isEmpty(), "nothing left to do for a waived check");
    }

    private static JsonNode attestersOf(String id) {
        try {
            for (JsonNode c : readiness(JOB).get("checks")) {
                if (c.get("id").asText().equals(id)) return c.get("by");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError(id);
    }

    private static boolean eligible(String user, JsonNode by) {
        for (JsonNode party : by) {
            for (JsonNode member : party.get("members")) {
                if (member.asText().equals("user:default/" + user)) return true;
            }
        }
        return false;
    }

    private static String statusFromApi(String id) throws Exception {
        for (JsonNode c : readiness(JOB).get("checks")) {
            if (c.get("id").asText().equals(id)) return c.get("status").asText();
        }
        throw new AssertionError(id);
    }

    private static void typeToken(String user) {
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token(user));
        field.sendKeys(Keys.TAB);
    }

    @Test
    @Order(4)
    void aChecklistPageShowsEntitiesByChecksWithLevelCounts() throws Exception {
        JsonNode expected = get("/api/readiness?checklist=" + CHECKLIST + "&limit=100");
        JsonNode definition = null;
        for (JsonNode c : get("/api/readiness/checklists")) {
            if (c.get("name").asText().equals(CHECKLIST)) definition = c;
        }
        assertNotNull(definition);
        open("/readiness");
        assertEquals("Production readiness", browser.findElement(By.id("page-title")).getText());
        assertEquals("page", browser.findElement(By.cssSelector("nav a[data-nav='readiness']")).getAttribute("aria-current"));
        for (String name : List.of("streaming-job", "iceberg-table", "avro-schema")) {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#counts-" + name + " .level-counts")));
        }
        browser.findElement(By.cssSelector("#checklists a[href='/readiness/" + CHECKLIST + "']")).click();
        wait.until(ExpectedConditions.urlToBe(base + "/readiness/" + CHECKLIST));
        WebElement matrix = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("matrix")));
        assertEquals(definition.get("title").asText(), browser.findElement(By.id("page-title")).getText());
        List<WebElement> columns = matrix.findElements(By.cssSelector("thead th[data-check]"));
        assertEquals(definition.get("checks").size(), columns.size(), "a column per check");
        columns.forEach(th -> assertEquals("col", th.getAttribute("scope")));
        int total = expected.get("total").asInt();
        assertTrue(matrix.findElement(By.tagName("caption")).getText().startsWith(total + " entities"));
        List<WebElement> rows = matrix.findElements(By.cssSelector("tbody tr[data-entity]"));
        assertEquals(Math.min(total, 25), rows.size());
        WebElement job = matrix.findElement(By.cssSelector("tbody tr[data-entity='" + JOB + "']"));
        assertEquals("row", job.findElement(By.tagName("th")).getAttribute("scope"));
        for (JsonNode item : expected.get("items")) {
            if (!item.get("entity").asText().equals(JOB)) continue;
            item.get("checks").properties().forEach(e -> {
                WebElement pill = job.findElement(By.cssSelector("td[data-check='" + e.getKey() + "'] .pill.check"));
                assertEquals(e.getValue().asText(), pill.getAttribute("data-status"), e.getKey());
                assertTrue(pill.getText().endsWith(e.getValue().asText()), pill.getText());
            });
        }
        int counted = 0;
        for (WebElement li : browser.findElements(By.cssSelector("#level-counts li"))) {
            String level = li.getAttribute("data-level");
            int n = Integer.parseInt(li.findElement(By.tagName("strong")).getText());
            assertEquals(expected.get("levels").path(level).asInt(0), n, level);
            counted += n;
        }
        assertEquals(total, counted, "the level counts cover every entity");
        scrollTo(browser.findElement(By.id("levels-heading")));
        screenshot("readiness-checklist");

        // Filter by owner: the URL carries it, so the view can be pasted.
        WebElement owner = browser.findElement(By.id("filter-owner"));
        owner.sendKeys("group:default/orders-team");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("owner=group%3Adefault%2Forders-team"));
        wait.until(d -> d.findElements(By.cssSelector("#matrix tbody tr[data-entity]")).stream()
                .allMatch(r -> r.getText().contains("group:orders-team")));
        int teamTotal = get("/api/readiness?checklist=" + CHECKLIST + "&owner=group:default/orders-team").get("total").asInt();
        assertTrue(teamTotal > 0 && teamTotal < total, "the filter narrows: " + teamTotal + " of " + total);
        assertEquals(teamTotal, browser.findElements(By.cssSelector("#matrix tbody tr[data-entity]")).size());
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("matrix")));
        assertEquals("group:default/orders-team", browser.findElement(By.id("filter-owner")).getAttribute("value"));
        assertEquals(teamTotal, browser.findElements(By.cssSelector("#matrix tbody tr[data-entity]")).size());
    }

    @Test
    @Order(5)
    void aTeamPageListsItsEntitiesWithTheirLevel() {
        open("/teams/orders-team");
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("team-readiness-table")));
        WebElement job = table.findElement(By.cssSelector("tr[data-entity='" + JOB + "']"));
        assertTrue(job.getText().contains("Orders enrichment"), job.getText());
        assertTrue(job.getText().contains("ready"), job.getText());
    }
}
