package dev.steward.ui;

import static dev.steward.testing.Yaml.group;
import static dev.steward.testing.Yaml.policy;
import static dev.steward.testing.Yaml.resource;
import static dev.steward.testing.Yaml.responsibility;
import static dev.steward.testing.Yaml.system;
import static dev.steward.testing.Yaml.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.SyncStatus;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.git.CatalogSync;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.SyncSettings;
import dev.steward.http.ApiTokens;
import dev.steward.http.AppContext;
import dev.steward.http.StewardApp;
import dev.steward.rca.ActionSla;
import dev.steward.rca.IncidentService;
import dev.steward.store.Database;
import dev.steward.testing.TestRepo;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * The UI in a real headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs)
 * against a started server over a Git repository and a SQLite file. With
 * {@code -Dsteward.screenshots=true} it saves the main pages to docs/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiBrowserTest {
    private static final String TOKEN = "ui-token-0123456789";
    private static final String CATALOG = group("lakehouse", "members: [dana, emeka]").replace("  name: lakehouse",
            "  name: lakehouse\n  title: Lakehouse\n  links: [{url: 'https://pager.example/lakehouse', title: On call}]")
            + group("streaming", "members: [alice]") + user("dana") + user("emeka") + user("alice")
            + system("orders", "owner: lakehouse")
            + resource("orders-topic", "type: kafka-topic\nowner: streaming\nsystem: orders")
            + dev.steward.testing.Yaml.component("orders-sink", "type: flink-job\nowner: streaming\nsystem: orders\n"
            + "dependsOn: [resource:orders-topic]")
            + resource("orders-fact", "type: iceberg-table\nowner: lakehouse\nsystem: orders\n"
            + "dependsOn: [component:orders-sink]").replace("  name: orders-fact", "  name: orders-fact\n  title: Order facts")
            + responsibility("partition-evolution", "type: change\nappliesTo: [resource:iceberg-table]\n"
            + "detect: [spec.partitioning]\nrunbook: pe.md")
            + responsibility("incident-rca", "type: duty")
            + policy("defaults", "rules:\n  - for: [\"*\"]\n    approvers: [owner]\n    responsible: [owner]\n"
            + "  - for: [partition-evolution]\n    approvers: [{ref: group:streaming, min: 1}]\n    consulted: [producers]");

    @TempDir
    static Path tmp;
    static TestRepo repo;
    static CatalogSync sync;
    static LiveCatalog live;
    static Javalin app;
    static WebDriver browser;
    static WebDriverWait wait;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        repo = TestRepo.create(tmp);
        repo.manifest("all.yaml", CATALOG).runbook("pe.md", "---\ntitle: Partition evolution\nreviewed: 2026-11-01\n---\n"
                + "# Partition evolution\n\n| step | command |\n|---|---|\n| 1 | `ALTER TABLE` |\n").commit("main");
        live = LiveCatalog.empty(SyncStatus.starting("test", "main", 0));
        SyncSettings settings = new SyncSettings("main", "catalog-yaml", "runbooks", Duration.ZERO, 1 << 20, 5);
        sync = new CatalogSync(repo.open(), settings, new ManifestLoader(), live, a -> { }, Clock.systemUTC());
        sync.loadInitial();
        IncidentService incidents = new IncidentService(Database.openSqlite(tmp.resolve("ui.db")), live,
                Clock.systemUTC(), ActionSla.DEFAULT);
        app = StewardApp.create(AppContext.builder(live).incidents(incidents).tokens(ApiTokens.of("ui", TOKEN))
                .commits(new CommitCatalogs(repo.open(), settings, new ManifestLoader(), live)).build()).start(0);
        base = "http://localhost:" + app.port();
        browser = dev.steward.testing.Browsers.chrome(tmp);
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (app != null) app.stop();
        if (sync != null) sync.close();
        if (repo != null) repo.close();
    }

    private static void open(String path) {
        browser.get(base + path);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("page-title")));
    }

    private static String heading() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("page-title"))).getText();
    }

    private static void screenshot(String name) throws Exception {
        dev.steward.testing.Browsers.screenshot(browser, name);
    }

    @Test
    @Order(1)
    void navigationFollowsLinksAndEveryPageHasItsOwnUrl() throws Exception {
        open("/");
        assertEquals("Catalog", heading());
        screenshot("catalog");
        browser.findElement(By.linkText("Order facts")).click();
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Order facts"));
        assertEquals(base + "/entities/resource/default/orders-fact", browser.getCurrentUrl());
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-responsibility='partition-evolution']")));
        assertTrue(card.getText().contains("group:streaming"), card.getText());
        assertTrue(card.getText().contains("via ownershippolicy:defaults rule 1 at global"), card.getText());
        assertTrue(browser.findElements(By.cssSelector("svg.lineage a")).size() >= 3, "lineage drawn as SVG links");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "added"));
        screenshot("entity");
        browser.findElement(By.cssSelector("svg.lineage a[href='/entities/component/default/orders-sink']")).click();
        wait.until(ExpectedConditions.urlToBe(base + "/entities/component/default/orders-sink"));
        browser.navigate().back();
        wait.until(ExpectedConditions.urlToBe(base + "/entities/resource/default/orders-fact"));
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Order facts"));
        browser.findElement(By.cssSelector("dd a[href='/teams/lakehouse']")).click();
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Lakehouse"));
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("Must approve"));
        screenshot("team");
        browser.get(base + "/teams/lakehouse"); // a deep link works on its own
        assertEquals("Lakehouse", heading());
        browser.findElement(By.linkText("Runbooks")).click();
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), "Runbooks"));
        browser.findElement(By.linkText("Partition evolution")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article table")));
        assertTrue(browser.getCurrentUrl().endsWith("/runbooks/pe.md"));
        screenshot("runbook");
    }

    @Test
    @Order(2)
    void searchAndFacetsFilterTheCatalog() {
        open("/");
        WebElement q = browser.findElement(By.name("q"));
        q.sendKeys("topic");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("q=topic"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#entities caption"), "1 entities"));
        assertTrue(browser.findElement(By.id("entities")).getText().contains("resource:orders-topic"));
        open("/");
        browser.findElement(By.cssSelector(".facets a[href='/?kind=group']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#entities caption"), "2 entities"));
        assertEquals(base + "/?kind=group", browser.getCurrentUrl());
    }

    @Test
    @Order(3)
    void theExplorerAnswersWhoAndWhy() throws Exception {
        open("/explorer");
        WebElement entity = browser.findElement(By.id("explorer-entity"));
        entity.sendKeys("resource:default/orders-fact");
        entity.sendKeys(org.openqa.selenium.Keys.TAB);
        wait.until(d -> new Select(d.findElement(By.id("explorer-responsibility"))).getOptions().size() > 3);
        new Select(browser.findElement(By.id("explorer-responsibility"))).selectByVisibleText("partition-evolution");
        browser.findElement(By.cssSelector("form.inline button[type=submit]")).click();
        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#answer [data-responsibility='partition-evolution']")));
        assertTrue(browser.getCurrentUrl().endsWith("/explorer?entity=resource%3Adefault%2Forders-fact&responsibility=partition-evolution"),
                browser.getCurrentUrl());
        String text = answer.getText();
        assertTrue(text.contains("approvers:") && text.contains("group:lakehouse") && text.contains("group:streaming"), text);
        assertTrue(text.contains("consulted:"), text);
        assertTrue(text.contains("Runbook: pe.md"), text);
        screenshot("explorer");
    }

    @Test
    @Order(4)
    void anIncidentIsCreatedAndMovedThroughItsLifecycle() throws Exception {
        open("/incidents");
        browser.findElement(By.name("title")).sendKeys("Orders late");
        new Select(browser.findElement(By.name("severity"))).selectByVisibleText("SEV1");
        browser.findElement(By.name("entities")).sendKeys("resource:orders-fact");
        WebElement token = browser.findElement(By.id("token"));
        token.sendKeys(TOKEN);
        token.sendKeys(org.openqa.selenium.Keys.TAB);
        browser.findElement(By.cssSelector("#create-incident button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches(".*/incidents/\\d+$"));
        assertTrue(heading().endsWith("Orders late"), heading());
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("RCA owner"));
        browser.findElement(By.cssSelector("#add-action input[name=title]")).sendKeys("Alert on consumer lag");
        browser.findElement(By.cssSelector("#add-action input[name=owner]")).sendKeys("group:streaming");
        browser.findElement(By.cssSelector("#add-action button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("actions"), "Alert on consumer lag"));
        browser.findElement(By.cssSelector("button[data-status='mitigated']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "status open → mitigated"));
        assertTrue(browser.findElements(By.cssSelector("button[data-status='mitigated']")).isEmpty(),
                "mitigated is no longer a next step");
        screenshot("incident");
        open("/incidents");
        assertTrue(browser.findElement(By.cssSelector(".board section[aria-label='mitigated']")).getText()
                .contains("Orders late"));
        screenshot("incidents");
    }

    @Test
    @Order(5)
    void aBadCommitShowsAnErrorBannerWhileTheLastGoodOneIsServed() throws Exception {
        repo.manifest("broken.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: {name: x}\n"
                + "spec: {type: kafka-topic, owner: ghosts}\n").commit("bad");
        assertTrue(!sync.checkNow());
        open("/");
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("catalog-errors")));
        assertTrue(banner.getText().contains("does not validate; still serving"), banner.getText());
        assertTrue(banner.getText().contains("catalog-yaml/broken.yaml:4: spec.owner: group:default/ghosts does not exist"),
                banner.getText());
        assertEquals("alert", banner.getAttribute("role"));
        screenshot("error-banner");
    }

    @Test
    @Order(6)
    void aDegradedReplicaSaysSoAndWhy() {
        live.updateSync(st -> st.checked(st.head(), dev.steward.catalog.SyncStatus.State.ERROR, java.time.Instant.now(),
                "cannot fetch origin: connection refused"));
        open("/");
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("degraded")));
        assertTrue(banner.getText().contains("is degraded; answers come from commit"), banner.getText());
        assertTrue(banner.getText().contains("git: cannot fetch origin: connection refused"), banner.getText());
    }
}
