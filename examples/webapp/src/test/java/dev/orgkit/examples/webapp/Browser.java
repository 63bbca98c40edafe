package dev.orgkit.examples.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Chromium, driven the way a person uses the app: by the words on the page
 * (labels, buttons, links). After every page load it checks the accessibility basics (a label on
 * every input, one h1, headings in order, unique ids) and keeps the page's HTML, so the test can
 * check where secrets appeared.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Dimension DESKTOP = new Dimension(1280, 900);

    /** One page as the browser got it. */
    record Visit(String url, String html) {}

    private final Supplier<String> baseUrl;
    private final Path profile;
    private final ChromeDriverService service;
    final ChromeDriver driver;
    final List<Visit> visits = new ArrayList<>();

    Browser(Supplier<String> baseUrl) throws IOException {
        this.baseUrl = baseUrl;
        this.profile = Files.createTempDirectory("orgkit-chromium");
        this.service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    /** A browser for the app {@code app} is starting; it waits for the app only when it opens a page. */
    static Browser start(CompletableFuture<RunningApp> app) {
        try {
            return new Browser(() -> app.join().baseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean installed() {
        return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    }

    /** Opens a path of the app, or an absolute URL. */
    void open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl.get() + pathOrUrl);
        loaded();
    }

    /** Signs in as {@code email} (a demo user), signing out whoever was signed in. */
    void signIn(String email) {
        open("/login");
        if (offers("Sign out")) {
            click("Sign out");
        }
        fill("Email", email);
        fill("Password", "orgkit-demo");
        click("Sign in");
    }

    /** Signs out whoever is signed in, if anyone is. */
    void signOutIfSignedIn() {
        open("/login");
        if (offers("Sign out")) {
            click("Sign out");
        }
    }

    void signOut() {
        click("Sign out");
        assertThat(h1()).isEqualTo("Sign in");
    }

    /** Clicks the button or link whose text is {@code text}, and waits for the page it leads to. */
    void click(String text) {
        clickIn(driver, text);
    }

    /** Clicks the button or link {@code text} inside {@code scope} (a row, a card), and waits for the next page. */
    void clickIn(SearchContext scope, String text) {
        WebElement target = control(scope, text);
        WebElement page = driver.findElement(By.tagName("html"));
        target.click();
        waiting().until(driver -> isGone(page));
        loaded();
    }

    /**
     * Whether the page's element belongs to a page that was replaced. Chromium answers a question about
     * an element of a page being replaced either as stale or, while it navigates, with "does not
     * belong to the document", which Selenium's {@code stalenessOf} does not recognize.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** The enabled, visible button or link {@code text} in {@code scope}. */
    WebElement control(SearchContext scope, String text) {
        String literal = xpathLiteral(text);
        List<WebElement> found = scope.findElements(By.xpath(".//button[normalize-space()=" + literal
                + " or @aria-label=" + literal + "] | .//a[normalize-space()=" + literal + " or @aria-label=" + literal + "]"));
        return found.stream().filter(WebElement::isDisplayed).findFirst()
                .orElseThrow(() -> new AssertionError("no button or link '" + text + "' on " + driver.getCurrentUrl()));
    }

    /** Whether a visible, enabled button or link {@code text} is on the page. */
    boolean offers(String text) {
        String literal = xpathLiteral(text);
        return driver.findElements(By.xpath("//button[normalize-space()=" + literal + " or @aria-label=" + literal
                        + "] | //a[normalize-space()=" + literal + " or @aria-label=" + literal + "]")).stream()
                .anyMatch(e -> e.isDisplayed() && e.isEnabled());
    }

    /** The input, select or text area labelled {@code label}. */
    WebElement field(String label) {
        List<WebElement> labels = driver.findElements(By.xpath("//label[normalize-space()=" + xpathLiteral(label) + "]"));
        if (labels.isEmpty()) {
            labels = driver.findElements(By.xpath("//label[contains(normalize-space(), " + xpathLiteral(label) + ")]"));
        }
        WebElement found = labels.stream().filter(WebElement::isDisplayed).findFirst()
                .orElseThrow(() -> new AssertionError("no field labelled '" + label + "' on " + driver.getCurrentUrl()));
        return driver.findElement(By.id(found.getAttribute("for")));
    }

    void fill(String label, String value) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(value);
    }

    void choose(String label, String option) {
        new Select(field(label)).selectByVisibleText(option);
    }

    String valueOf(String label) {
        return field(label).getDomProperty("value");
    }

    /** The message shown next to the field {@code label}: the element its {@code aria-describedby} names. */
    Optional<String> fieldError(String label) {
        WebElement input = field(label);
        String describedBy = input.getAttribute("aria-describedby");
        if (describedBy == null) {
            return Optional.empty();
        }
        List<WebElement> messages = driver.findElements(By.id(describedBy));
        if (messages.isEmpty()) {
            return Optional.empty();
        }
        // Next to the field: in the same field wrapper as the input.
        assertThat(messages.get(0).findElement(By.xpath("..")).findElements(By.id(input.getAttribute("id")))).hasSize(1);
        return Optional.of(messages.get(0).getText());
    }

    String h1() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Optional<String> notice() {
        return driver.findElements(By.cssSelector(".notice")).stream().map(WebElement::getText).findFirst();
    }

    /** The texts of the refusals on the page (message and remedy). */
    List<String> refusals() {
        return driver.findElements(By.cssSelector(".refusal")).stream().map(WebElement::getText).toList();
    }

    /** The row (or card) whose {@code data-<attribute>} is {@code value}. */
    WebElement row(String attribute, String value) {
        List<WebElement> rows = rows(attribute, value);
        assertThat(rows).as("rows with data-%s=%s on %s", attribute, value, driver.getCurrentUrl()).isNotEmpty();
        return rows.get(0);
    }

    List<WebElement> rows(String attribute, String value) {
        return driver.findElements(By.cssSelector("[data-" + attribute + "=" + cssLiteral(value) + "]"));
    }

    String headerAccount() {
        return driver.findElement(By.cssSelector(".switcher summary span:not(.sr-only)")).getText();
    }

    String source() {
        return driver.getPageSource();
    }

    /** Writes a PNG of the whole page (beyond the window's height), at the window's width. */
    void screenshot(Path directory, String name) throws IOException {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"),
                "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.createDirectories(directory);
        Files.write(directory.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** Whether the page fits the window's width without scrolling sideways. */
    boolean fitsWidth() {
        Object fits = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth");
        return Boolean.TRUE.equals(fits);
    }

    /** Waits of up to 15 s that look every 20 ms, so that a step costs what the app takes, not the poll. */
    private WebDriverWait waiting() {
        var wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.pollingEvery(Duration.ofMillis(20));
        return wait;
    }

    private void loaded() {
        waiting().until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
        visits.add(new Visit(driver.getCurrentUrl(), driver.getPageSource()));
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) ((JavascriptExecutor) driver).executeScript(ACCESSIBILITY);
        assertThat(problems).as("accessibility basics of %s", driver.getCurrentUrl()).isEmpty();
    }

    private static final String ACCESSIBILITY = """
            const problems = [];
            for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
              const labelled = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label')
                  || el.getAttribute('aria-labelledby');
              if (!labelled) problems.push('no label for ' + (el.id || el.name));
            }
            const h1s = document.querySelectorAll('h1').length;
            if (h1s !== 1) problems.push(h1s + ' h1 headings');
            let last = 0;
            for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
              const level = Number(h.tagName[1]);
              if (last === 0 && level !== 1) problems.push('the first heading is ' + h.tagName);
              if (last !== 0 && level > last + 1) problems.push('h' + last + ' is followed by ' + h.tagName);
              last = level;
            }
            const seen = new Set();
            for (const el of document.querySelectorAll('[id]')) {
              if (seen.has(el.id)) problems.push('duplicate id ' + el.id);
              seen.add(el.id);
            }
            if (!document.documentElement.lang) problems.push('no lang on html');
            return problems;
            """;

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    private static String cssLiteral(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
