package pt.aima.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.Topics;
import pt.aima.kernel.application.ApplicationRegistered;
import pt.aima.kernel.application.DecisionIssued;
import pt.aima.kernel.application.HouseholdMember;
import pt.aima.kernel.application.LegacyProvenance;
import pt.aima.kernel.application.Region;
import pt.aima.kernel.application.Relationship;
import pt.aima.kernel.document.DocumentChecklistCompleted;
import pt.aima.kernel.document.DocumentUploaded;
import pt.aima.kernel.envelope.Actor;
import pt.aima.kernel.envelope.EventEnvelope;
import pt.aima.kernel.envelope.IntegrationEvent;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.DocumentId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.operations.ScriptedHistory.Published;
import pt.aima.operations.projection.ReadModels;
import pt.aima.platform.testing.harness.ServiceHarness;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium}, driven through Debian's {@code chromedriver}:
 * Selenium is given both paths and downloads nothing). A small history is published on the topics as the services
 * would; the browser opens {@code /dashboard}, is given a token as a person would paste it, and must show the
 * history's figures in its tables and draw its charts. A screenshot is saved to {@code target/dashboard.png}.
 *
 * <p>The service's clock stands at Wednesday 9 December 2026, 12:00 in Lisbon. The cases:
 *
 * <ul>
 *   <li>A (LISBOA, submitted 22 Oct 2025: 1-2 years old, the old 3-month rule: deadline 22 Jan 2026, breached);
 *   <li>B (COIMBRA, submitted 1 Oct 2026: 0-3 months, 9-month rule: not breached), one passport uploaded and waiting;
 *   <li>C (SETUBAL, imported, submitted 1 Jun 2024: over 2 years, 3-month rule: breached);
 *   <li>P10 and P30 (PORTO, granted 10 and 30 days after registration, on 7 and 3 December): nearest-rank p50 10 days,
 *       p80 and p93 30 days.
 * </ul>
 *
 * So: 5 cases, 3 open (REGISTERED), 2 GRANTED, 2 deadlines breached, 1 document awaiting verification.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.consumer.group-id=operations-service-dashboard-it",
            "aima.operations-service.backlog.refresh=300ms",
            "aima.operations-service.services[0].name=operations-service",
            "aima.operations-service.services[0].url=http://127.0.0.1:${local.server.port}",
            "aima.operations-service.services[1].name=nowhere-service",
            "aima.operations-service.services[1].url=http://127.0.0.1:9"
        })
class DashboardBrowserIT {

    static final Path CHROMIUM = Path.of(System.getProperty("aima.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("aima.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 9);
    private static final List<String> TOPICS = List.of(
            Topics.APPLICATION_EVENTS, Topics.DOCUMENT_EVENTS, Topics.SCHEDULING_EVENTS, Topics.NOTIFICATION_EVENTS);

    @TestConfiguration(proxyBeanMethods = false)
    static class NinthOfDecember {

        @Bean
        Clock clock() {
            Instant noon = TODAY.atTime(12, 0).atZone(LISBON).toInstant();
            return Clock.offset(Clock.system(LISBON), Duration.between(Instant.now(), noon));
        }
    }

    @RegisterExtension
    static final ServiceHarness service = new ServiceHarness();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "operations_dashboard_it");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReadModels readModels;

    private static boolean delivered;

    /** Delivers the script once into emptied read models (other tests' records are consumed first and dropped). */
    @BeforeEach
    void deliverTheScriptOnce() {
        if (delivered) {
            return;
        }
        for (String topic : TOPICS) {
            service.kafka()
                    .send(topic, envelope("primer", Instant.now(), new DocumentChecklistCompleted(CaseId.newId())));
        }
        service.kafka().awaitCaughtUp(service.consumerGroup(), TOPICS.toArray(String[]::new));
        List<String> tables = new ArrayList<>(readModels.tables());
        tables.add("event_archive");
        jdbc.sql("truncate " + String.join(", ", tables)).update();

        List<Published> events = script();
        for (Published published : events) {
            service.kafka().send(published.topic(), published.envelope());
        }
        for (Published published : events) {
            service.inbox().awaitProcessed(published.envelope());
        }
        // the backlog is counted in the background: wait for the count that holds the script
        await().atMost(ServiceHarness.PATIENCE)
                .until(() -> service.as("operator-1", "OPERATIONS")
                                .get("/operations/backlog?rows=false")
                                .body()
                                .get("total")
                                .asLong()
                        == 5);
        delivered = true;
    }

    @Test
    void thePageAndItsAssetsArePublicTheFiguresAreNot() throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> bare = get(http, "/dashboard");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location").orElseThrow()).endsWith("/dashboard/");

        HttpResponse<String> page = get(http, "/dashboard/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("/webjars/echarts/dist/echarts.min.js", "dashboard.js");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'");

        for (String asset : List.of(
                "/dashboard/dashboard.js", "/dashboard/dashboard.css", "/webjars/echarts/dist/echarts.min.js")) {
            HttpResponse<String> response = get(http, asset);
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.body()).as(asset).isNotBlank();
        }
        // the figures the page shows still need a token
        assertThat(get(http, "/operations/backlog").statusCode()).isEqualTo(401);
        assertThat(get(http, "/dashboard/../operations/backlog").statusCode()).isIn(400, 401, 404);
    }

    @Test
    void aPersonGivesATokenAndSeesTheHistorysFiguresChartedInAHeadlessChromium() throws IOException {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                        + CHROMEDRIVER + "); install them with `apt-get install -y chromium chromium-driver`"
                        + " (.ci/run does where it runs as root)");
        Path profile = Files.createTempDirectory("aima-dashboard-chromium");
        WebDriver browser = chromium(profile);
        try {
            browser.get(service.baseUrl() + "/dashboard");
            assertThat(browser.getCurrentUrl()).endsWith("/dashboard/");
            assertThat(body(browser).getAttribute("data-state")).isEqualTo("signed-out");

            browser.findElement(By.id("token")).sendKeys(service.token("operator-1", "OPERATIONS"));
            browser.findElement(By.id("use-token")).click();
            await().atMost(ServiceHarness.PATIENCE)
                    .until(() -> "ready".equals(body(browser).getAttribute("data-state")));

            // the tiles and the stage-by-age table: 5 cases, 3 open, 2 granted
            assertThat(text(browser, "tile-total")).isEqualTo("5");
            assertThat(text(browser, "tile-open")).isEqualTo("3");
            assertThat(text(browser, "tile-decided")).isEqualTo("2");
            assertThat(text(browser, "tile-breached")).isEqualTo("2");
            assertThat(stageRow(browser, "REGISTERED"))
                    .as("stage, 0-3 months, 3-6, 6-12, 1-2 years, over 2 years, total")
                    .containsExactly("REGISTERED", "1", "0", "0", "1", "1", "3");
            assertThat(stageRow(browser, "GRANTED")).containsExactly("GRANTED", "2", "0", "0", "0", "0", "2");
            assertThat(stageRow(browser, "TOTAL")).containsExactly("Total", "3", "0", "0", "1", "1", "5");

            // the forecast: 3 open; two decisions in the last ten working days (0.2 a day) → 15 working days
            WebElement burndown = browser.findElement(By.id("burndown-chart"));
            assertThat(burndown.getAttribute("data-open")).isEqualTo("3");
            assertThat(burndown.getAttribute("data-days")).isEqualTo("31");
            assertThat(text(browser, "tile-pace")).isEqualTo("0.2");
            assertThat(burndown.getAttribute("data-zero-on")).isEqualTo(text(browser, "tile-zero"));
            assertThat(text(browser, "tile-zero")).matches("\\d{4}-\\d{2}-\\d{2}");

            // processing times: registration to decision over P10 and P30
            assertThat(row(browser, "times-table", "data-stage", "registrationToDecision"))
                    .containsExactly("registrationToDecision", "2", "10.0", "30.0", "30.0");
            assertThat(row(browser, "times-table", "data-dimension", "region PORTO"))
                    .containsExactly("region PORTO (registration to decision)", "2", "10.0", "30.0", "30.0");

            // breached deadlines: A and C, the longest breached first
            WebElement deadlines = browser.findElement(By.id("deadlines-table"));
            assertThat(deadlines.getAttribute("data-breached")).isEqualTo("2");
            assertThat(deadlines.findElements(By.cssSelector("tbody tr")))
                    .extracting(WebElement::getText)
                    .satisfiesExactly(
                            c -> assertThat(c).startsWith("SEF-DASH-C SETUBAL REGISTERED 2024-09-01"),
                            a -> assertThat(a).contains("LISBOA REGISTERED 2026-01-22 no 321"));

            // the queues: B's passport waits for a caseworker
            WebElement waiting = browser.findElement(
                    By.cssSelector("#queues-table tr[data-queue='documents-awaiting-verification']"));
            assertThat(waiting.getAttribute("data-length")).isEqualTo("1");
            assertThat(waiting.getText()).contains("COIMBRA", "documentType PASSPORT");

            // the read models, and every service's projections: one that does not answer is shown, not left out
            assertThat(row(browser, "read-models-table", "data-table", "ops_case"))
                    .containsExactly("ops_case", "5");
            WebElement nowhere =
                    browser.findElement(By.cssSelector("#projections-table tr[data-service='nowhere-service']"));
            assertThat(nowhere.getAttribute("data-status")).isEqualTo("UNREACHABLE");
            assertThat(browser.findElement(By.id("projections-note")).getText())
                    .startsWith("Not answering: nowhere-service.");

            // every chart drew something on its canvas
            for (String chart : List.of("burndown-chart", "stage-age-chart", "times-chart")) {
                assertThat(browser.findElement(By.id(chart)).getAttribute("data-rendered"))
                        .as(chart)
                        .isNotBlank();
                assertThat(paintedPixels(browser, chart))
                        .as(chart + ": painted pixels")
                        .isGreaterThan(1_000L);
            }

            Files.createDirectories(SCREENSHOT.getParent());
            byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOT, png);
            assertThat(png.length).isGreaterThan(10_000);

            // the token stays for the tab: a reload shows the figures without asking again
            browser.navigate().refresh();
            await().atMost(ServiceHarness.PATIENCE)
                    .until(() -> "ready".equals(body(browser).getAttribute("data-state")));
            // forgetting it asks again
            browser.findElement(By.id("sign-out")).click();
            assertThat(body(browser).getAttribute("data-state")).isEqualTo("signed-out");
            assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
        } finally {
            browser.quit();
        }
    }

    @Test
    void aTokenWithoutAnOperationsRoleIsSentBackToSignIn() throws IOException {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
        WebDriver browser = chromium(Files.createTempDirectory("aima-dashboard-chromium"));
        try {
            browser.get(service.baseUrl() + "/dashboard/");
            browser.findElement(By.id("token")).sendKeys(service.token("applicant-1", "APPLICANT"));
            browser.findElement(By.id("use-token")).click();
            await().atMost(ServiceHarness.PATIENCE)
                    .until(() -> text(browser, "status").contains("OPERATIONS or AUDITOR"));
            assertThat(body(browser).getAttribute("data-state")).isEqualTo("signed-out");
            assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
        } finally {
            browser.quit();
        }
    }

    // ---- the browser

    /** Debian's Chromium through Debian's chromedriver, both named: Selenium Manager is never asked for either. */
    private static WebDriver chromium(Path profile) {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--user-data-dir=" + profile,
                "--window-size=1440,2300",
                "--lang=en-GB");
        return new ChromeDriver(driver, options);
    }

    private static WebElement body(WebDriver browser) {
        return browser.findElement(By.tagName("body"));
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private static List<String> stageRow(WebDriver browser, String stage) {
        return row(browser, "stage-age-table", "data-stage", stage);
    }

    private static List<String> row(WebDriver browser, String table, String attribute, String value) {
        return browser
                .findElement(By.cssSelector("#" + table + " tr[" + attribute + "='" + value + "']"))
                .findElements(By.tagName("td"))
                .stream()
                .map(cell -> cell.getText().strip())
                .toList();
    }

    /** How many pixels of the chart's canvas are not transparent. */
    private static long paintedPixels(WebDriver browser, String chart) {
        Object painted = ((JavascriptExecutor) browser)
                .executeScript(
                        "const canvas = document.querySelector('#' + arguments[0] + ' canvas');"
                                + "if (!canvas || canvas.width === 0 || canvas.height === 0) { return 0; }"
                                + "const data = canvas.getContext('2d')"
                                + "  .getImageData(0, 0, canvas.width, canvas.height).data;"
                                + "let painted = 0;"
                                + "for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) { painted++; } }"
                                + "return painted;",
                        chart);
        return ((Number) painted).longValue();
    }

    private static HttpResponse<String> get(HttpClient http, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // ---- the script

    private static List<Published> script() {
        List<Published> events = new ArrayList<>();
        CaseId a = CaseId.newId();
        events.add(registered(a, LocalDate.of(2025, 10, 22), Region.LISBOA, null, atNine(LocalDate.of(2025, 10, 22))));
        CaseId b = CaseId.newId();
        MemberId bSpouse = MemberId.newId();
        events.add(new Published(
                Topics.APPLICATION_EVENTS,
                envelope(
                        b + ":registered",
                        atNine(LocalDate.of(2026, 10, 1)),
                        new ApplicationRegistered(
                                b,
                                "applicant-" + b,
                                LocalDate.of(2026, 10, 1),
                                List.of(new HouseholdMember(
                                        bSpouse, Relationship.SPOUSE, LocalDate.of(1990, 1, 1), true)),
                                "pt",
                                null,
                                Region.COIMBRA,
                                null))));
        events.add(new Published(
                Topics.DOCUMENT_EVENTS,
                envelope(
                        b + ":upload",
                        Instant.parse("2026-12-02T10:00:00Z"),
                        new DocumentUploaded(
                                b, DocumentId.newId(), bSpouse, "PASSPORT", "sha-b", 1000, "application/pdf"))));
        CaseId c = CaseId.newId();
        events.add(registered(
                c,
                LocalDate.of(2024, 6, 1),
                Region.SETUBAL,
                new LegacyProvenance("SEF-DASH-C", "CLAIM", "CLAIM Setubal"),
                Instant.parse("2026-11-16T15:00:00Z")));
        for (int days : List.of(10, 30)) {
            CaseId p = CaseId.newId();
            Instant decidedAt =
                    days == 10 ? Instant.parse("2026-12-07T10:00:00Z") : Instant.parse("2026-12-03T10:00:00Z");
            Instant registeredAt = decidedAt.minus(Duration.ofDays(days));
            events.add(registered(p, LocalDate.ofInstant(registeredAt, LISBON), Region.PORTO, null, registeredAt));
            events.add(new Published(
                    Topics.APPLICATION_EVENTS,
                    envelope(
                            p + ":decision",
                            decidedAt,
                            new DecisionIssued(p, DecisionIssued.Outcome.GRANTED, List.of(), "conditions met"))));
        }
        return events;
    }

    private static Published registered(
            CaseId caseId, LocalDate submittedOn, Region region, LegacyProvenance provenance, Instant at) {
        return new Published(
                Topics.APPLICATION_EVENTS,
                envelope(
                        caseId + ":registered",
                        at,
                        new ApplicationRegistered(
                                caseId,
                                "applicant-" + caseId,
                                submittedOn,
                                List.of(new HouseholdMember(
                                        MemberId.newId(), Relationship.SPOUSE, LocalDate.of(1988, 6, 1), true)),
                                "pt",
                                null,
                                region,
                                provenance)));
    }

    private static Instant atNine(LocalDate day) {
        return day.atTime(LocalTime.of(9, 0)).atZone(LISBON).toInstant();
    }

    private static EventEnvelope<IntegrationEvent> envelope(String label, Instant occurredAt, IntegrationEvent event) {
        return EventEnvelope.wrap(
                UUID.randomUUID(), occurredAt, Actor.system("scripted"), "dashboard-it", "scripted:" + label, event);
    }
}
