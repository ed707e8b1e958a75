package app.rapport.outbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import app.rapport.RapportApplication;
import app.rapport.support.Mails;
import app.rapport.support.ScriptedSmtpServer;
import app.rapport.support.TestData;
import app.rapport.support.TestMailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real crash at the one moment that matters: the SMTP server said 250, the outbox has not written it down.
 * The first Rapport runs as its own java process and halts there; a second one starts on the same data.
 */
class CrashRecoveryTest {

    static TestMailbox mailbox;
    static ScriptedSmtpServer smtp;

    @BeforeAll
    static void servers() throws Exception {
        mailbox = new TestMailbox();
        smtp = new ScriptedSmtpServer();
    }

    @AfterAll
    static void stop() throws Exception {
        smtp.close();
        mailbox.close();
    }

    @Test
    void aCrashAfterTheServerAcceptedButBeforeItWasRecordedNeverSendsASecondEmail() throws Exception {
        String customer = "crash@customers.test";
        String data = TestData.freshDirectory("crash");
        List<String> properties = properties(data);
        Mails.send(mailbox.smtpPort(), customer, "Crash Customer", TestMailbox.SHOP, "Are my boots ready?",
                "Hello, are my boots ready to be picked up? Thanks!", UUID.randomUUID() + "@customers.test", null);

        Process first = startCrashingRapport(customer, properties, Path.of(data, "first-run.log"));
        assertThat(first.waitFor(90, TimeUnit.SECONDS)).as("the first run halts by itself").isTrue();
        assertThat(first.exitValue()).as("halted right after the 250 (see first-run.log)")
                .isEqualTo(HaltAfterAcceptance.EXIT_CODE);
        assertThat(smtp.acceptedFor(customer)).hasSize(1);

        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(RapportApplication.class)
                .web(WebApplicationType.NONE).run(properties.stream().map(p -> "--" + p).toArray(String[]::new))) {
            Outbox outbox = second.getBean(Outbox.class);
            long id = outbox.inStates(List.of(OutboxState.values()), 0, 10).getFirst().id();

            OutgoingReply reply = await().atMost(Duration.ofSeconds(20)).until(() -> outbox.find(id).orElseThrow(),
                    r -> r.state() == OutboxState.UNKNOWN && r.lastError().contains("Sent folder"));
            assertThat(reply.lastError()).contains("Rapport stopped while this reply was being sent");
            assertThat(outbox.history(id)).extracting(Outbox.Step::state)
                    .containsSubsequence(OutboxState.QUEUED, OutboxState.SENDING, OutboxState.UNKNOWN)
                    .doesNotContain(OutboxState.SENT);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> smtp.transactionsFor(customer).size() == 1
                            && outbox.find(id).orElseThrow().state() == OutboxState.UNKNOWN);
        }
    }

    private static List<String> properties(String data) {
        List<String> p = new ArrayList<>(mailbox.imapProperties());
        p.addAll(List.of("rapport.data-dir=" + data,
                "rapport.mail.smtp.host=127.0.0.1", "rapport.mail.smtp.port=" + smtp.port(),
                "rapport.mail.smtp.security=NONE", "rapport.mail.poll-interval=300ms", "rapport.mail.initial-delay=0s",
                "rapport.outbox.undo-window=0s", "rapport.outbox.check-interval=100ms", "rapport.outbox.initial-delay=0s",
                "rapport.owner.password=crash-owner-secret"));
        return p;
    }

    private static Process startCrashingRapport(String customer, List<String> properties, Path log) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, HaltAfterAcceptance.class.getName(), "--crash.customer=" + customer));
        properties.forEach(p -> command.add("--" + p));
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
