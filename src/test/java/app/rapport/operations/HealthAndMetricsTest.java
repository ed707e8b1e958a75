package app.rapport.operations;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.MailboxPoller;
import app.rapport.support.LoopTest;
import app.rapport.support.Mails;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HealthAndMetricsTest extends LoopTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MeterRegistry metrics;

    @Test
    void healthShowsEveryoneTheStatusOfEachMailboxTheIndexAndTheDatabase() {
        JsonNode health = await().until(() -> json(new WebSession(port).get("/actuator/health")),
                h -> "UP".equals(h.path("components").path("mailboxes").path("status").asString()));

        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode components = health.path("components");
        assertThat(components.path("mailboxes").path("components").path("demo").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("index").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("index").has("details")).as("details are for the owner only").isFalse();
    }

    @Test
    void theSignedInOwnerSeesTheDetails() {
        JsonNode health = await().until(() -> json(signedIn().get("/actuator/health")),
                h -> h.path("components").path("mailboxes").path("components").path("demo").has("details"));

        JsonNode mailbox = health.path("components").path("mailboxes").path("components").path("demo").path("details");
        assertThat(mailbox.path("address").asString()).isEqualTo(SHOP);
        assertThat(mailbox.has("lastSuccess")).isTrue();
        assertThat(health.toString()).doesNotContain("demo-mailbox");
        assertThat(health.path("components").path("index").path("details").path("documents").isNumber()).isTrue();
        assertThat(health.path("components").path("db").path("details").path("database").asString()).isNotBlank();
    }

    @Test
    void aMailboxWhoseLastPollFailedIsDownWithTheReason() {
        MailAccount account = new MailAccount("shop", "shop@x.example",
                new MailAccount.Endpoint("imap.x.example", 993, MailAccount.Security.TLS, "shop", "secret", false), null);
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        var failed = new MailboxPoller.AccountStatus("shop", now, now.minusSeconds(600), 0,
                "the mail server rejected the user name or password");

        Health down = new MailboxHealth(account, () -> List.of(failed), clock).health();
        Health unknown = new MailboxHealth(account, List::of, clock).health();

        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("reason", "the mail server rejected the user name or password")
                .containsEntry("secondsSinceLastSuccess", 600L);
        assertThat(down.getDetails().toString()).doesNotContain("secret");
        assertThat(unknown.getStatus()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void metricsCountIngestedMailDraftsWaitingAndSyncLag() throws Exception {
        double before = metrics.get("rapport.messages.ingested").functionCounter().count();
        Mails.send(mailServer.smtpPort(), "karl.ott@ulm.example", "Karl Ott", SHOP, "Insoles for hiking boots",
                "Do you sell insoles for hiking boots?", "karl.1@ulm.example", null);

        await().until(() -> metrics.get("rapport.messages.ingested").functionCounter().count() > before);
        await().until(() -> metrics.get("rapport.drafts.waiting").gauge().value() >= 1);
        double lag = metrics.get("rapport.mailbox.sync.lag").tag("account", "demo").gauge().value();
        assertThat(lag).isBetween(0.0, 60.0);
        assertThat(metrics.get("rapport.outbox.failed").gauge().value()).isGreaterThanOrEqualTo(0);
        assertThat(metrics.get("rapport.outbox.age").gauge().value()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void metricsNeedTheOwnerToSignIn() {
        assertThat(new WebSession(port).get("/actuator/metrics").url()).endsWith("/login");
        assertThat(signedIn().get("/actuator/metrics/rapport.drafts.waiting").html().body().text())
                .contains("\"name\":\"rapport.drafts.waiting\"");
    }

    private static JsonNode json(WebSession.Page page) {
        return JSON.readTree(page.html().body().text());
    }
}
