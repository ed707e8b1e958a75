package app.rapport.support;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import app.rapport.demo.DemoMailServer;

/**
 * The whole application, running: the embedded mail server on free ports (empty, each test brings its own
 * mail), a fresh data directory, the web inbox on a random port. Every subclass shares this one context, so
 * tests use their own addresses and Message-IDs. The build runs them twice: on H2, and on PostgreSQL
 * ({@link TestDatabase}).
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
@Tag(TestDatabase.TAG)
@ExtendWith(TestDatabase.class)
public abstract class LoopTest {

    public static final String PASSWORD = "test-owner-secret";
    public static final String SHOP = "clara@lindgren-shoes.example";
    private static final String DATA = TestData.freshDirectory("loop");

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("rapport.data-dir", () -> DATA);
        TestDatabase.register(registry, "loop");
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

    /** What the customer finds in their own INBOX on the mail server (the shop's Sent copies do not count). */
    protected java.util.List<jakarta.mail.internet.MimeMessage> inboxOf(String address) {
        var user = mailServer.greenMail().getUserManager().getUserByEmail(address);
        if (user == null) {
            return java.util.List.of();
        }
        com.icegreen.greenmail.store.MailFolder inbox;
        try {
            inbox = mailServer.greenMail().getManagers().getImapHostManager().getInbox(user);
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
        return inbox.getMessages().stream()
                .map(m -> {
                    try {
                        return m.getMimeMessage();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
