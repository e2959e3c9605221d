package dev.steward.ui;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.system;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.alignment.PlatformSettings;
import dev.steward.alignment.iceberg.IcebergSource;
import dev.steward.alignment.store.AlignmentService;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.store.Database;
import dev.steward.testing.TestRepo;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Platform alignment in the UI, in a real headless Chromium, against a started server whose alignment
 * scans a real Iceberg JdbcCatalog over SQLite: the alignment page's sources and findings grouped by
 * owner, filtered through the URL; an entity page's findings, or that it is in line; and a source that
 * cannot be read any more, whose findings stay, marked stale. With {@code -Dsteward.screenshots=true}
 * it saves docs/screenshots/alignment.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlignmentBrowserTest {
    private static final Schema ORDERS = new Schema(
            Types.NestedField.required(1, "order_id", Types.LongType.get()),
            Types.NestedField.required(2, "order_ts", Types.TimestampType.withZone()));
    private static final String DRIFTING = "resource:default/orders-fact";
    private static final String MISSING = "resource:default/payments-fact";
    private static final String CATALOG = group("lakehouse", "members: [dana]") + group("payments", "members: [pat]")
            + user("dana") + user("pat") + system("orders", "owner: lakehouse")
            + resource("orders-fact", "type: iceberg-table\nowner: lakehouse\nsystem: orders\ntable: lake.orders_fact\n"
                    + "partitioning: [\"days(order_ts)\"]\nformatVersion: 1")
            + resource("customers-dim", "type: iceberg-table\nowner: lakehouse\nsystem: orders\ntable: lake.customers_dim")
            + resource("payments-fact", "type: iceberg-table\nowner: payments\ntable: lake.payments_fact");

    @TempDir
    static Path tmp;
    static Path folder;
    static Database db;
    static AlignmentService alignment;
    static Javalin app;
    static Javalin plain;
    static WebDriver browser;
    static WebDriverWait wait;
    static String base;
    static String source;

    @BeforeAll
    static void start() throws Exception {
        folder = Files.createDirectories(tmp.resolve("catalog"));
        String uri = "jdbc:sqlite:" + folder.resolve("catalog.db");
        String warehouse = tmp.resolve("warehouse").toString();
        JdbcCatalog writer = dev.steward.testing.LocalIceberg.writer(uri, warehouse);
        writer.createNamespace(Namespace.of("lake"));
        writer.buildTable(TableIdentifier.of("lake", "orders_fact"), ORDERS)
                .withPartitionSpec(PartitionSpec.builderFor(ORDERS).day("order_ts").build()).create();
        writer.buildTable(TableIdentifier.of("lake", "customers_dim"), ORDERS).create();
        writer.buildTable(TableIdentifier.of("lake", "scratch"), ORDERS).create();
        writer.close();

        LiveCatalog live;
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("all.yaml", CATALOG).commit("main");
            live = new LiveCatalog(repo.load(), SyncStatus.starting("t", "main", 0));
        }
        assertTrue(live.current().isValid(), () -> live.current().problems().toString());
        IcebergSource iceberg = IcebergSource.jdbc(uri, warehouse, Map.of());
        source = iceberg.name();
        db = Database.openSqlite(tmp.resolve("steward.db"));
        alignment = new AlignmentService(db, live, new PlatformSettings(Duration.ofMinutes(5), Duration.ofSeconds(5),
                List.of()), List.of(iceberg), Clock.systemUTC());
        alignment.scan();
        app = StewardApp.create(AppContext.builder(live).alignment(alignment).build()).start(0);
        plain = StewardApp.create(AppContext.of(live)).start(0);
        base = "http://localhost:" + app.port();
        browser = dev.steward.testing.Browsers.chrome(tmp);
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.quit();
        if (app != null) app.stop();
        if (plain != null) plain.stop();
        if (alignment != null) alignment.close();
        if (db != null) db.close();
    }

    private static void open(String path) {
        browser.get(base + path);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("page-title")));
    }

    private static WebElement row(String selector) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(selector)));
    }

    private static String cell(WebElement row, String cls) {
        return row.findElement(By.cssSelector("td." + cls)).getText();
    }

    @Test
    @Order(1)
    void theAlignmentPageShowsSourcesAndFindingsGroupedByOwner() throws Exception {
        open("/");
        browser.findElement(By.cssSelector("nav a[data-nav='alignment']")).click();
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Platform alignment"));
        assertEquals(base + "/alignment", browser.getCurrentUrl());
        assertEquals("page", browser.findElement(By.cssSelector("nav a[data-nav='alignment']")).getAttribute("aria-current"));

        WebElement src = row("#alignment-sources tr[data-source='" + source + "']");
        assertTrue(src.getText().contains("ok"), src.getText());
        assertTrue(src.getText().contains("UTC"), "last scan and last good scan: " + src.getText());

        WebElement lakehouse = row("section[data-owner='group:default/lakehouse']");
        assertTrue(lakehouse.findElement(By.tagName("h3")).getText().contains("lakehouse"), lakehouse.getText());
        WebElement drift = lakehouse.findElement(By.cssSelector("tr[data-kind='drift'][data-entity='" + DRIFTING + "']"));
        assertTrue(drift.getText().contains("formatVersion"), drift.getText());
        assertEquals("1", cell(drift, "declared"), "declared");
        assertEquals("2", cell(drift, "actual"), "actual");
        assertEquals("drift", drift.findElement(By.cssSelector(".pill.finding")).getText(), "the kind is written out");
        assertTrue(drift.findElement(By.cssSelector("a[href='/entities/resource/default/orders-fact']")).isDisplayed());
        assertTrue(lakehouse.findElements(By.cssSelector("tr[data-entity='resource:default/customers-dim']")).isEmpty(),
                "a table in line has no finding");

        WebElement payments = row("section[data-owner='group:default/payments']");
        WebElement missing = payments.findElement(By.cssSelector("tr[data-kind='missing'][data-entity='" + MISSING + "']"));
        assertTrue(missing.getText().contains("not on the platform"), missing.getText());

        WebElement unowned = row("section[data-owner='none']");
        assertEquals("unmanaged: no owner (1)", unowned.findElement(By.tagName("h3")).getText());
        WebElement scratch = unowned.findElement(By.cssSelector("tr[data-kind='unmanaged'][data-asset='lake.scratch']"));
        assertTrue(scratch.getText().contains(source), scratch.getText());
        List<WebElement> sections = browser.findElements(By.cssSelector("#findings section[data-owner]"));
        assertEquals("none", sections.get(sections.size() - 1).getAttribute("data-owner"), "unowned findings come last");

        // The manifest line of each entity's finding, linked to the entity page.
        WebElement manifest = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-manifest='" + DRIFTING + "'] a code")));
        assertTrue(manifest.getText().matches(".*all\\.yaml:\\d+"), manifest.getText());
        assertTrue(browser.findElements(By.cssSelector("[data-manifest='" + DRIFTING + "'] a[href='/entities/resource/default/orders-fact']"))
                .size() == 1);
        dev.steward.testing.Browsers.screenshot(browser, "alignment");
    }

    @Test
    @Order(2)
    void theFiltersAreInTheUrlAndNarrowTheList() {
        open("/alignment");
        row("section[data-owner='none']");
        new Select(browser.findElement(By.id("filter-kind"))).selectByValue("drift");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlToBe(base + "/alignment?kind=drift"));
        row("tr[data-kind='drift'][data-entity='" + DRIFTING + "']");
        assertTrue(browser.findElements(By.cssSelector("tr[data-kind='unmanaged'], tr[data-kind='missing']")).isEmpty(),
                "only drift is left");
        assertTrue(browser.findElements(By.cssSelector("section[data-owner='none']")).isEmpty());

        open("/alignment?kind=unmanaged"); // a pasted view
        row("tr[data-asset='lake.scratch']");
        assertEquals(1, browser.findElements(By.cssSelector("#findings tbody tr")).size());
        assertEquals("unmanaged", new Select(browser.findElement(By.id("filter-kind"))).getFirstSelectedOption().getText());

        open("/alignment?source=" + java.net.URLEncoder.encode(source, java.nio.charset.StandardCharsets.UTF_8));
        row("tr[data-asset='lake.scratch']");
        assertEquals(3, browser.findElements(By.cssSelector("#findings tbody tr")).size());
        assertEquals(source, new Select(browser.findElement(By.id("filter-source"))).getFirstSelectedOption().getText());
        open("/alignment?source=kafka:elsewhere");
        assertEquals("No finding matches these filters.", row("p#findings").getText());

        open("/alignment?owner=payments");
        row("tr[data-entity='" + MISSING + "']");
        assertEquals(1, browser.findElements(By.cssSelector("#findings tbody tr")).size());
    }

    @Test
    @Order(3)
    void anEntityPageShowsItsFindingsOrThatItIsInLine() {
        open("/entities/resource/default/orders-fact");
        WebElement section = row("#alignment-section");
        WebElement drift = section.findElement(By.cssSelector("tr[data-kind='drift']"));
        assertTrue(drift.getText().contains("formatVersion"), drift.getText());
        assertEquals("1", cell(drift, "declared"));
        assertEquals("2", cell(drift, "actual"));
        assertTrue(browser.findElement(By.cssSelector("dl.kv")).getText().contains("1 finding(s)"));

        open("/entities/resource/default/customers-dim");
        WebElement ok = row("#alignment-ok");
        assertTrue(ok.getText().toLowerCase().contains("in line with the platform"), ok.getText());

        open("/entities/system/default/orders");
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("history"), "Loading…")));
        assertFalse(browser.findElement(By.id("alignment-section")).isDisplayed(), "no source compares a system");

        browser.get("http://localhost:" + plain.port() + "/entities/resource/default/orders-fact");
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "orders-fact"));
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("history"), "Loading…")));
        assertFalse(browser.findElement(By.id("alignment-section")).isDisplayed(), "hidden where alignment is not configured");
        browser.get("http://localhost:" + plain.port() + "/alignment");
        assertTrue(row("#alignment-off").getText().contains("platform.sources"));
    }

    @Test
    @Order(4)
    void anUnreadableSourceKeepsItsFindingsMarkedStale() throws Exception {
        Files.move(folder, tmp.resolve("catalog-gone"));
        alignment.scan();
        open("/alignment");
        WebElement src = row("#alignment-sources tr[data-source='" + source + "']");
        assertTrue(src.getText().contains("stale"), src.getText());
        assertTrue(src.findElement(By.cssSelector(".error")).getText().contains("iceberg-jdbc"), src.getText());
        WebElement drift = row("tr[data-kind='drift'][data-entity='" + DRIFTING + "']");
        assertTrue(drift.getText().contains("stale"), "the last findings stay, marked stale: " + drift.getText());
        assertEquals(3, browser.findElements(By.cssSelector("#findings tbody tr")).size());
    }
}
