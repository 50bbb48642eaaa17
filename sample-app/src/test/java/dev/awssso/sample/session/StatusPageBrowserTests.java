package dev.awssso.sample.session;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.sample.demo.DemoEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page in headless Chromium, on demo mode with lifetimes of seconds: sign in through the emulator's
 * approval pages (PKCE and device code), see the session active with the caller identity and the demo's roles,
 * live through a credential refresh, sign out; what the page says while nobody is signed in and while a sign-in
 * started elsewhere waits. Runs where Debian's {@code chromium} and {@code chromium-driver} are installed
 * ({@code .ci/run} installs them), and is skipped elsewhere. The PKCE test saves a screenshot of the page to
 * {@code target/sample-app.png} (the README's picture is taken from the demo with its own lifetimes). The page is
 * shown 1200 by 1000 pixels.
 */
@StatusPageTest
@EnabledIf(value = "browserInstalled", disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver")
class StatusPageBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final String ARN = "arn:aws:sts::" + IdentityCenterEmulator.DEFAULT_ACCOUNT_ID + ":assumed-role/"
            + IdentityCenterEmulator.DEFAULT_ROLE_NAME + "/" + IdentityCenterEmulator.DEFAULT_USER_NAME;

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    private int port;

    private ChromeDriver browser;

    private WebDriverWait wait;

    private String page;

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeEach
    void openBrowser(@TempDir Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .build();
        this.browser = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(this.browser, PATIENCE);
        this.browser.get("http://127.0.0.1:" + this.port + "/");
        this.page = this.browser.getWindowHandle();
        showPageAt(1200, 1000);
    }

    @AfterEach
    void closeBrowser() {
        if (this.browser != null) {
            this.browser.quit();
        }
    }

    @Test
    void signsInWithPkceLivesThroughACredentialRefreshAndSignsOut() throws IOException {
        signOutIfSignedIn();

        chooseFlow("pkce");
        element("sign-in").click();
        switchToNewWindow();
        this.wait.until(ExpectedConditions.elementToBeClickable(By.id("allow"))).click();
        this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "Signed in"));
        backToThePage();

        awaitState("ACTIVE");
        this.wait.until(ExpectedConditions.textToBe(By.id("arn"), ARN));
        assertThat(element("nobody").isDisplayed()).isFalse();
        assertThat(text("account")).isEqualTo(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID);
        assertThat(text("role")).isEqualTo(IdentityCenterEmulator.DEFAULT_ROLE_NAME);
        String firstSet = this.wait.until((browser) -> credentialsExpiry());
        this.wait.until((browser) -> !firstSet.equals(credentialsExpiry()) && "ACTIVE".equals(text("state")));
        assertThat(element("credentials-last-refresh").getDomAttribute("data-outcome")).isEqualTo("succeeded");
        this.wait.until(ExpectedConditions.attributeToBe(By.id("token-last-refresh"), "data-outcome", "succeeded"));
        assertThat(text("state")).isEqualTo("ACTIVE");
        assertThat(text("credentials-countdown")).matches("\\d+s");
        assertThat(text("arn")).isEqualTo(ARN);
        this.wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-role=deploy] .arn"),
                "arn:aws:sts::555566667777:assumed-role/Deployer/" + DemoEmulator.DEPLOY_SESSION_NAME));
        assertThat(this.browser.findElements(By.cssSelector("#roles tr"))).extracting(
                (row) -> row.getDomAttribute("data-role")).containsExactly("default", "tools", "audit", "deploy");
        assertThat(this.browser.findElement(By.cssSelector("tr[data-role=tools] .countdown")).getText())
            .matches("\\d+s");
        saveScreenshot();

        element("sign-out").click();
        awaitState("SIGNED_OUT");
        assertThat(text("arn")).isEqualTo("–");
        assertThat(text("credentials-countdown")).isEqualTo("–");
    }

    @Test
    void showsNobodyAndTheSignInButtonWhileSignedOut() {
        signOutIfSignedIn();

        this.wait.until(ExpectedConditions.textToBe(By.id("next-action"), SessionViews.DEMO_SIGN_IN));
        assertThat(text("account")).isEqualTo("–");
        assertThat(text("role")).isEqualTo("–");
        assertThat(element("nobody").isDisplayed()).isTrue();
        assertThat(this.browser.findElements(By.cssSelector("#roles .problem-text")))
            .as("the session's next action is not repeated for every role")
            .isEmpty();
    }

    @Test
    void showsASignInStartedElsewhereInLocalTimeWithCancel() throws Exception {
        signOutIfSignedIn();
        String started = startSignInElsewhere();

        awaitState("LOGIN_PENDING");
        this.wait.until(ExpectedConditions.textToBe(By.id("next-action"), SessionViews.PENDING_SIGN_IN));
        this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-expires-line")));
        String expiresAt = (String) this.browser.executeScript(
                "return new Date(JSON.parse(arguments[0]).expiresAt).toLocaleTimeString()", started);
        assertThat(text("login-expires")).as("the browser's local time").isEqualTo(expiresAt);
        assertThat(element("login-link-line").isDisplayed()).as("the PKCE page is its starter's").isFalse();
        assertThat(this.browser.findElements(By.cssSelector("#roles .problem-text"))).isEmpty();

        element("cancel-sign-in").click();
        awaitState("SIGNED_OUT");
        assertThat(text("login-state")).isEqualTo("Sign-in cancelled");
    }

    @Test
    void showsCommandsAsCodeNotBackticks() {
        String html = (String) this.browser.executeScript("const element = document.createElement('p');"
                + " richText(element, 'Sign in with `aws sso login --sso-session demo`.'); return element.innerHTML");

        assertThat(html).isEqualTo("Sign in with <code>aws sso login --sso-session demo</code>.");
    }

    @Test
    void signsInWithADeviceCodeShownOnThePage() {
        signOutIfSignedIn();

        chooseFlow("device-code");
        element("sign-in").click();
        awaitState("LOGIN_PENDING");
        String userCode = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user-code"))).getText();
        assertThat(userCode).isNotBlank();
        assertThat(this.browser.getWindowHandles()).as("the device code flow opens no window by itself").hasSize(1);
        element("login-url").click();
        switchToNewWindow();
        assertThat(this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user_code")))
            .getDomProperty("value")).isEqualTo(userCode);
        element("allow").click();
        this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Request approved"));
        backToThePage();

        awaitState("ACTIVE");
        this.wait.until(ExpectedConditions.textToBe(By.id("arn"), ARN));
        assertThat(element("login").isDisplayed()).as("no sign-in pending any more").isFalse();

        element("sign-out").click();
        awaitState("SIGNED_OUT");
    }

    /** Sizes the window so that the page itself, the part a screenshot shows, is {@code width} by {@code height}. */
    private void showPageAt(int width, int height) {
        Dimension window = this.browser.manage().window().getSize();
        Long pageWidth = (Long) this.browser.executeScript("return window.innerWidth");
        Long pageHeight = (Long) this.browser.executeScript("return window.innerHeight");
        this.browser.manage()
            .window()
            .setSize(new Dimension(window.getWidth() + width - pageWidth.intValue(),
                    window.getHeight() + height - pageHeight.intValue()));
    }

    private void signOutIfSignedIn() {
        String state = this.wait.until((browser) -> element("state").getDomAttribute("data-state"));
        if (!"SIGNED_OUT".equals(state)) {
            this.wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))).click();
        }
        awaitState("SIGNED_OUT");
        this.wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
    }

    /** Starts a PKCE sign-in through the API, as another tab or a script would, and returns the prompt's JSON. */
    private String startSignInElsewhere() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/sign-in"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"flow\":\"pkce\"}"))
            .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private void chooseFlow(String flow) {
        new Select(element("flow")).selectByValue(flow);
    }

    private void switchToNewWindow() {
        this.wait.until(ExpectedConditions.numberOfWindowsToBe(2));
        Set<String> windows = this.browser.getWindowHandles();
        windows.remove(this.page);
        this.browser.switchTo().window(windows.iterator().next());
    }

    private void backToThePage() {
        this.browser.close();
        this.browser.switchTo().window(this.page);
    }

    private void awaitState(String state) {
        this.wait.until(ExpectedConditions.textToBe(By.id("state"), state));
    }

    /** The expiry of the role credentials on the page, {@code null} while there are none. */
    private String credentialsExpiry() {
        return element("credentials-countdown").getDomAttribute("data-expires-at");
    }

    private void saveScreenshot() throws IOException {
        Path target = Path.of("target/sample-app.png");
        Files.write(target, this.browser.getScreenshotAs(OutputType.BYTES));
    }

    private WebElement element(String id) {
        return this.browser.findElement(By.id(id));
    }

    private String text(String id) {
        return element(id).getText();
    }
}
