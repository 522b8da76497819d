package io.operadb.launcher;

import io.operadb.signing.TestIdentities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * The Explorer in a real browser (Debian's headless Chromium through its chromedriver), walked as a person would:
 * sign in, publish a schema, create an entity through the generated form (first with a value the server refuses),
 * run an action, find it in the filtered list, open its history, travel back to version 1, start a replay and see it
 * finish. A screenshot of each page is written under target/explorer-screenshots/.
 */
class ExplorerBrowserTest {

    private static final String ACCOUNT = "explorer";
    private static final String ADMIN = "user:ada";
    private static final Path SCREENSHOTS = Path.of("target", "explorer-screenshots");
    private static final String CHROMIUM = System.getProperty("explorer.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("explorer.chromedriver", "/usr/bin/chromedriver");

    private static String wallet;
    private static ChromeDriver driver;
    private static WebDriverWait wait;
    private static String explorerUrl;

    @BeforeAll
    static void start() throws IOException {
        // CI installs both (.ci/run); a machine without them fails here rather than skipping the browser test
        for (String program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(program))) {
                fail(program + " not found: the Explorer's browser test needs Debian's chromium and chromium-driver "
                        + "(apt-get install chromium chromium-driver; .ci/run installs them when missing)");
            }
        }
        OperaDb operaDb = SharedOperaDb.get();
        explorerUrl = operaDb.explorerUrl();
        Http admin = SharedOperaDb.commands().as(ADMIN);
        Http.Response created = admin.post("/api/accounts", "{\"account\":\"" + ACCOUNT + "\",\"owner\":{\"actorId\":\""
                + ADMIN + "\",\"keys\":" + TestIdentities.keysJson(ADMIN) + "}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        wallet = TestIdentities.wallet("explorer-browser-wallet");
        Http.Response registered = admin.post("/api/accounts/" + ACCOUNT + "/actors", "{\"actorId\":\"" + wallet
                + "\",\"roles\":[],\"keys\":" + TestIdentities.keysJson(wallet) + "}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        // the driver is named, so Selenium Manager has nothing to look up or download
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    /** Each test starts signed out, on the Explorer's first page. */
    @BeforeEach
    void signedOut() {
        driver.get(explorerUrl);
        js("sessionStorage.clear(); location.hash = '#/signin';");
        driver.navigate().refresh();
        waitForHeading("Sign in");
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void a_person_publishes_a_schema_creates_and_changes_an_entity_travels_back_in_time_and_replays() throws Exception {
        // sign in with a token; the page reads who it is for
        field("Account").sendKeys(ACCOUNT);
        field("Token").sendKeys(obtainToken(ACCOUNT, ADMIN));
        screenshot("01-sign-in");
        click(By.xpath("//button[normalize-space()='Sign in']"));
        waitForHeading("Schemas");
        assertThat(text(By.id("who"))).contains(ACCOUNT, ADMIN);
        assertThat(text(By.id("schema-list"))).contains("coin", "contract");
        assertEveryControlHasALabel();
        screenshot("02-schemas");

        // publish a schema of our own
        navigate("Publish schema");
        waitForHeading("Publish a schema");
        WebElement document = field("Schema document (JSON)");
        setText(document, resource("explorer-task.json"));
        click(By.xpath("//button[normalize-space()='Publish']"));
        waitForText(By.id("publish-result"), "Published task version 1.");
        screenshot("03-publish");

        // its fields, actions and workflow diagram
        click(By.linkText("See schema task"));
        waitForHeadingContaining("Schema task");
        assertThat(text(By.id("fields"))).contains("Hours by person", "map of decimal");
        assertThat(text(By.id("actions"))).contains("moves to doing", "log some hours first");
        assertThat(driver.findElements(By.cssSelector("svg.workflow .node"))).hasSize(3);
        screenshot("04-schema");

        // its next version, started from the published text, and the differences between the two
        click(By.linkText("Publish a new version"));
        waitForHeading("Publish a schema");
        WebElement next = field("Schema document (JSON)");
        wait.until(d -> next.getAttribute("value").replaceAll("\\s", "").contains("\"version\":2,"));
        setText(next, next.getAttribute("value").replace("A task that moves", "A piece of work that moves"));
        click(By.xpath("//button[normalize-space()='Publish']"));
        waitForText(By.id("publish-result"), "Published task version 2.");
        click(By.linkText("See schema task"));
        waitForHeadingContaining("version 2 of 2");
        waitForText(By.id("schema-diff"), "description");
        assertThat(text(By.id("schema-diff"))).contains("version", "changed", "A piece of work that moves");
        scrollTo(By.id("schema-diff"));
        screenshot("05-schema-diff");

        // create through the generated form: the server's refusal lands on the field it names
        click(By.linkText("New task"));
        waitForHeading("New task (open)");
        assertEveryControlHasALabel();
        field("Id (optional)").sendKeys("T-1");
        field("Title").sendKeys("Write the docs");
        field("Points").sendKeys("-1");
        click(By.xpath("//button[normalize-space()='Create task']"));
        WebElement pointsError = waitForText(By.cssSelector("[data-error-for='data.points']"), ">= 0");
        assertThat(field("Points").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(pointsError.getText()).isNotBlank();
        screenshot("06-validation-error");
        field("Points").clear();
        field("Points").sendKeys("3");
        click(By.xpath("//button[normalize-space()='Create task']"));
        waitForText(By.id("new-state"), "Write the docs");
        assertThat(text(By.id("new-state"))).contains("open", "3");
        screenshot("07-created");

        // run an action on it
        click(By.linkText("Open T-1"));
        waitForHeadingContaining("task T-1");
        click(By.linkText("Run start"));
        waitForHeading("Run start on T-1");
        field("Hours").sendKeys("2.50");
        click(By.xpath("//button[normalize-space()='Run start']"));
        waitForText(By.id("new-state"), "doing");
        assertThat(text(By.id("new-state"))).contains("2.5", ADMIN);

        // find it in the list with a filter on a state field
        navigate("Entities");
        click(By.linkText("task"));
        waitForHeading("Entities of task");
        field("Field").sendKeys("state.status");
        field("Value").sendKeys("doing");
        click(By.xpath("//button[normalize-space()='Apply']"));
        wait.until(d -> d.getCurrentUrl().contains("state.status=doing"));
        waitForText(By.id("entity-list"), "T-1");
        screenshot("08-entity-list");

        // its history, then time travel to version 1
        click(By.linkText("T-1"));
        waitForHeadingContaining("task T-1");
        wait.until(d -> d.findElements(By.cssSelector("#history > li")).size() == 2);
        assertThat(text(By.id("history"))).contains("open by " + ADMIN, "start by " + ADMIN);
        waitForText(By.id("state-heading"), "Current state (version 2)");
        assertThat(text(By.id("state"))).contains("doing");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#numbers-over-time svg")));
        scrollTo(By.id("history"));
        screenshot("09-entity-history");
        WebElement slider = driver.findElement(By.cssSelector("#time-travel input[type=range]"));
        slider.sendKeys(Keys.HOME);
        waitForText(By.id("state-heading"), "State at version 1 of 2");
        wait.until(d -> "1".equals(d.findElement(By.id("state")).getAttribute("data-version")));
        assertThat(text(By.id("state"))).contains("open", "Write the docs").doesNotContain("doing");
        screenshot("10-time-travel");

        // a narrow screen: nothing wider than the window
        driver.manage().window().setSize(new Dimension(400, 900));
        assertThat((Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth + 1;")).isTrue();
        screenshot("11-narrow-screen");
        driver.manage().window().setSize(new Dimension(1280, 900));

        // a replay, watched until it finishes
        navigate("Operations");
        waitForHeading("Operations");
        // another test's replay may still be on the panel as finished: wait for this one's
        String before = driver.findElements(By.id("last-replay")).isEmpty() ? "" : text(By.id("last-replay"));
        click(By.id("start-replay"));
        new WebDriverWait(driver, Duration.ofSeconds(120)).ignoring(StaleElementReferenceException.class)
                .until(d -> !d.findElements(By.id("replay-finished")).isEmpty()
                && !before.equals(d.findElement(By.id("last-replay")).getText()));
        // the panel is redrawn as the status is polled: read the bar in one step, until a drawing shows it full
        // (one read right after the finished badge appeared once found a bar that was not, in a CI run)
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(js(
                    "const p = document.getElementById('replay-progress'); return !!p && p.value === p.max && p.max > 0;")));
        } catch (org.openqa.selenium.TimeoutException e) {
            fail("the progress bar of the finished replay never filled: " + js("const p = document.getElementById("
                    + "'replay-progress'); return (p ? p.value + ' of ' + p.max : 'no bar') + ' in: '"
                    + " + document.getElementById('replay-status').innerText;"));
        }
        waitForText(By.id("projection-state"), "live");
        screenshot("12-replay-finished");

        // the event feed, after the replay rebuilt it
        navigate("Event feed");
        waitForHeading("Event feed");
        waitForText(By.id("feed"), "task.start");
        assertThat(text(By.id("feed"))).contains("task.open", "task T-1");
        screenshot("13-event-feed");

        assertNoScriptErrors();
    }

    @Test
    void a_coin_shows_its_balances_as_a_table_and_its_supply_over_time_with_no_coin_specific_code() throws Exception {
        Http ada = SharedOperaDb.commands().as(ADMIN);
        assertThat(ada.post("/api/accounts/" + ACCOUNT + "/entities/coin",
                "{\"id\":\"XPL\",\"data\":{\"symbol\":\"XPL\",\"decimals\":2,\"totalSupply\":\"1000\"}}").status())
                .isEqualTo(201);
        assertThat(ada.post("/api/accounts/" + ACCOUNT + "/entities/coin/XPL/mint",
                "{\"data\":{\"to\":\"user:bob\",\"amount\":\"250.50\"}}").status()).isEqualTo(200);
        assertThat(ada.post("/api/accounts/" + ACCOUNT + "/entities/coin/XPL/transfer",
                "{\"data\":{\"to\":\"user:bob\",\"amount\":\"100\"}}").status()).isEqualTo(200);

        signIn();
        driver.get(explorerUrl + "#/entities/coin/XPL?minVersion=3");
        waitForHeadingContaining("coin XPL");
        WebElement balances = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#state dd[data-field=balances] table")));
        assertThat(balances.getText()).contains(ADMIN, "900", "user:bob", "350.5");
        assertThat(balances.findElements(By.cssSelector("td.num"))).hasSize(2);
        WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#numbers-over-time")));
        wait.until(d -> chart.getText().contains("Total supply"));
        assertThat(chart.findElements(By.cssSelector("svg circle"))).hasSize(3);
        scrollTo(By.id("numbers-over-time"));
        screenshot("20-coin");
    }

    private static void signIn() {
        field("Token").sendKeys(obtainToken(ACCOUNT, ADMIN));
        click(By.xpath("//button[normalize-space()='Sign in']"));
        waitForHeading("Schemas");
    }

    @Test
    void a_browser_wallet_signs_the_contract_canonical_string_and_the_page_signs_in_with_the_token_it_gets() {
        // a stand-in wallet (EIP-1193) that hands each personal_sign to this test, which signs with the wallet's key;
        // fetch is watched to see the token request
        js("""
                window.sent = []; window.pendingSign = null;
                const realFetch = window.fetch;
                window.fetch = (url, init) => { window.sent.push({url: String(url), headers: (init || {}).headers});
                  return realFetch(url, init); };
                window.ethereum = {request: async ({method, params}) => {
                  if (method === 'eth_requestAccounts') return ['%s'];
                  if (method === 'personal_sign') return new Promise(resolve => { window.pendingSign = {params, resolve}; });
                  throw new Error('unexpected ' + method);
                }};
                location.hash = '#/signin?wallet';
                """.formatted(wallet));
        waitForHeading("Sign in");
        field("Account").sendKeys(ACCOUNT);
        click(By.xpath("//button[normalize-space()='Sign in with wallet']"));

        List<?> params = (List<?>) wait.until(d -> js("return window.pendingSign && window.pendingSign.params;"));
        byte[] message = HexFormat.of().parseHex(params.get(0).toString().substring(2));
        assertThat(params.get(1)).isEqualTo(wallet);
        String[] lines = new String(message, StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(6);
        assertThat(lines[0]).isEqualTo("POST");
        assertThat(lines[1]).isEqualTo("/api/accounts/" + ACCOUNT + "/token");
        assertThat(lines[2]).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(lines[3]).isEqualTo(ACCOUNT);
        assertThat(Long.parseLong(lines[4])).isCloseTo(System.currentTimeMillis(), within(60_000L));
        assertThat(lines[5]).matches("[0-9a-f]{32}");
        String signature = TestIdentities.keyOf(wallet).sign(message);
        js("window.pendingSign.resolve(arguments[0]);", signature);

        waitForHeading("Schemas");
        assertThat(text(By.id("who"))).contains(ACCOUNT, wallet);
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) js(
                "return window.sent.find(r => r.url.endsWith('/api/accounts/" + ACCOUNT + "/token'));");
        assertThat(request).as("the token request").isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) request.get("headers");
        assertThat(headers).containsEntry("X-OperaDB-Actor", wallet).containsEntry("X-OperaDB-Timestamp", lines[4])
                .containsEntry("X-OperaDB-Nonce", lines[5]).containsEntry("X-OperaDB-Signature", signature);
        // later calls carry the token the command API gave, nothing else
        @SuppressWarnings("unchecked")
        Map<String, Object> later = (Map<String, Object>) js(
                "return window.sent.filter(r => r.url.includes('/schemas')).pop();");
        @SuppressWarnings("unchecked")
        Map<String, Object> laterHeaders = (Map<String, Object>) later.get("headers");
        assertThat(laterHeaders.get("Authorization").toString()).startsWith("Bearer ey");
        assertThat(laterHeaders).doesNotContainKeys("X-OperaDB-Actor", "X-OperaDB-Signature");
    }

    /** A token for the actor, as a person gets one to paste: a signed POST /api/accounts/{account}/token. */
    private static String obtainToken(String account, String actor) {
        Http.Response answer = SharedOperaDb.commands().as(actor).post("/api/accounts/" + account + "/token", null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("token").asText();
    }

    private static void navigate(String linkText) {
        click(By.xpath("//nav[@aria-label='Main']//a[normalize-space()='" + linkText + "']"));
    }

    private static void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** The input, select or textarea labelled by the given text. */
    private static WebElement field(String label) {
        WebElement labelElement = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//label[normalize-space()='" + label + "']")));
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    private static void scrollTo(By by) {
        js("arguments[0].scrollIntoView({block: 'center'});", driver.findElement(by));
    }

    private static void setText(WebElement textarea, String text) {
        // typed by the browser as a paste would be: one input event, no key-by-key auto-indentation
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", textarea, text);
    }

    private static void waitForHeading(String heading) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), heading));
    }

    private static void waitForHeadingContaining(String heading) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), heading));
    }

    private static WebElement waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    private static String text(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by)).getText();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Every visible form control is named for assistive technology (a label or an aria-label). */
    private static void assertEveryControlHasALabel() {
        Object unlabelled = js("return [...document.querySelectorAll('main input, main select, main textarea')]"
                + ".filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label'))"
                + ".map(e => e.outerHTML);");
        assertThat((List<?>) unlabelled).isEmpty();
    }

    /**
     * No script failed in the page. Refused requests are logged by the browser too (the 400 this test provokes, the
     * dead-letters probe's 404); only those are allowed.
     */
    private static void assertNoScriptErrors() {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
        assertThat(errors).isEmpty();
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ExplorerBrowserTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
