package dev.steward.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Real headless Chromium for the UI tests: Debian's chromium and chromium-driver, which .ci/run installs. */
public final class Browsers {
    private Browsers() {
    }

    /** A headless Chromium with its profile under {@code tmp}, kept off the network but for the server under test. */
    public static WebDriver chrome(Path tmp) {
        File driver = new File("/usr/bin/chromedriver");
        File chromium = new File("/usr/bin/chromium");
        assertTrue(driver.canExecute() && chromium.canExecute(),
                "the UI tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,1000", "--user-data-dir=" + tmp.resolve("chrome-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** With {@code -Dsteward.screenshots=true}, saves what the browser shows as docs/screenshots/NAME.png. */
    public static void screenshot(WebDriver browser, String name) throws IOException {
        if (!Boolean.getBoolean("steward.screenshots")) return;
        Path dir = Files.createDirectories(ProjectPaths.root().resolve("docs/screenshots"));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
