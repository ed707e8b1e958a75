package app.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import app.rapport.support.Dovecot;
import app.rapport.support.TestData;

/**
 * {@code sync --once} as separate processes against a real Dovecot: killed in the middle of a first sync, and
 * started twice at the same moment on one data directory.
 */
class SyncCommandProcessTest {

    private static Dovecot dovecot;

    @BeforeAll
    static void startDovecot() {
        dovecot = Dovecot.startOrSkip("killed", "twice", "broken");
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void syncKilledInTheMiddleOfAFirstSyncResumesWithNoGapAndNoDuplicate() throws Exception {
        dovecot.fill("killed", messages("killed", 200));
        String data = TestData.freshDirectory("killed");

        Process first = sync(data, "killed").start();
        try (BufferedReader out = first.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("INBOX: ")) {
                // wait for the first stored batch
            }
            assertThat(line).as("a first batch was reported").isNotNull();
        }
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long afterKill = count(data, "select count(*) from messages");
        assertThat(afterKill).isBetween(1L, 199L);

        Run second = run(sync(data, "killed"));
        assertThat(second.code).as(second.err).isZero();
        assertThat(second.out).contains("default/INBOX: fetched " + (200 - afterKill) + " new message(s)");
        assertThat(count(data, "select count(*) from messages")).isEqualTo(200);
        assertThat(count(data, "select count(distinct message_id) from messages")).isEqualTo(200);
    }

    @Test
    void twoSyncsStartedAtOnceOnOneDataDirectoryStoreEveryMessageOnce() throws Exception {
        dovecot.fill("twice", messages("twice", 40));
        String data = TestData.freshDirectory("twice");

        var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Run> a = CompletableFuture.supplyAsync(() -> run(sync(data, "twice")), executor);
            CompletableFuture<Run> b = CompletableFuture.supplyAsync(() -> run(sync(data, "twice")), executor);
            Run one = a.get(180, TimeUnit.SECONDS);
            Run two = b.get(180, TimeUnit.SECONDS);
            assertBothSucceededOneAfterTheOther(one, two);
        } finally {
            executor.shutdown();
        }
        assertThat(count(data, "select count(*) from messages")).isEqualTo(40);
    }

    private static void assertBothSucceededOneAfterTheOther(Run one, Run two) {

        assertThat(one.code).as(one.err).isZero();
        assertThat(two.code).as(two.err).isZero();
        assertThat(one.err + two.err).contains("Waiting for another Rapport process");
        assertThat(one.out + two.out).contains("default/INBOX: fetched 40 new message(s)")
                .contains("default/INBOX: fetched 0 new message(s)");
    }

    @Test
    void syncThatCannotLogInExitsNonZeroWithTheReasonInPlainWords() {
        ProcessBuilder pb = sync(TestData.freshDirectory("broken"), "broken");
        pb.command().add(pb.command().size() - 3, "-Drapport.mail.imap.password=wrong");
        Run run = run(pb);
        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("default: FAILED: the mail server rejected the user name or password")
                .doesNotContain("wrong").doesNotContain("Exception");
    }

    private ProcessBuilder sync(String data, String user) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m",
                "-Drapport.data-dir=" + data,
                "-Drapport.mail.imap.host=127.0.0.1",
                "-Drapport.mail.imap.port=" + dovecot.imapPort(),
                "-Drapport.mail.imap.security=NONE",
                "-Drapport.mail.imap.user=" + user,
                "-Drapport.mail.imap.password=" + Dovecot.PASSWORD,
                "-Drapport.mail.smtp.host=127.0.0.1",
                "-Drapport.mail.smtp.port=1",
                "-Drapport.mail.smtp.security=NONE",
                "-Drapport.mail.address=" + user + "@rapport.test",
                "-Drapport.mail.sync.batch-size=20",
                "-cp", System.getProperty("java.class.path"), "app.rapport.cli.Main", "sync", "--once"));
        // The password option for the "broken" case goes before the main class: keep these three last.
        return new ProcessBuilder(command);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(ProcessBuilder pb) {
        try {
            Path err = Files.createTempFile("sync", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new Run(p.exitValue(), out, Files.readString(err));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(String data, String sql) throws SQLException {
        String url = "jdbc:h2:file:" + data + "/db/rapport;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "rapport", "");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<byte[]> messages(String prefix, int n) {
        List<byte[]> all = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            // List mail: stored, threaded and indexed like any other, but no reply is drafted, which keeps this quick.
            all.add(listMail(Dovecot.message(prefix + "-" + i + "@test", "customer" + i + "@customer.example",
                    prefix + "@rapport.test", "Newsletter " + i, ("a line of the newsletter " + i + "\r\n").repeat(40))));
        }
        return all;
    }

    /** Old list mail: a first sync reads it as history, in bulk batches. */
    private static byte[] listMail(byte[] message) {
        return ("Precedence: list\r\n" + new String(message, StandardCharsets.UTF_8))
                .replaceFirst("Date: [^\r]*", "Date: Wed, 10 Mar 2021 10:00:00 +0000").getBytes(StandardCharsets.UTF_8);
    }
}
