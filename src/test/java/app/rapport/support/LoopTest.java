package app.rapport.support;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import app.rapport.demo.DemoMailServer;

/**
 * The whole application, running: the embedded mail server on free ports (empty, each test brings its own
 * mail), a fresh data directory, the web inbox on a random port. Every subclass shares this one context, so
 * tests use their own addresses and Message-IDs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rapport.demo.seed=false",
        "rapport.demo.imap-port=0",
        "rapport.demo.smtp-port=0",
        "rapport.mail.poll-interval=300ms",
        "rapport.mail.initial-delay=0s",
        "rapport.outbox.undo-window=2s",
        "rapport.outbox.check-interval=200ms",
        "rapport.owner.password=" + LoopTest.PASSWORD})
public abstract class LoopTest {

    public static final String PASSWORD = "test-owner-secret";
    public static final String SHOP = "clara@lindgren-shoes.example";
    private static final String DATA = TestData.freshDirectory("loop");

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("rapport.data-dir", () -> DATA);
        // Templates the tests save must not land in the project's own mail-templates folder.
        registry.add("rapport.drafting.templates-dir", () -> DATA + "/mail-templates");
    }

    @BeforeAll
    static void patience() {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(100));
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected DemoMailServer mailServer;

    protected WebSession signedIn() {
        WebSession web = new WebSession(port);
        web.login("owner", PASSWORD);
        return web;
    }
}
