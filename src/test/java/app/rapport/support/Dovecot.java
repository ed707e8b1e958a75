package app.rapport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Assumptions;

import app.rapport.mailbox.MailAccount;

/**
 * A real Dovecot for tests, started with {@code src/test/servers/dovecot.sh} on free loopback ports in a fresh
 * directory under /tmp. {@link #startOrSkip} makes the calling test skip itself, with the reason, when Dovecot
 * cannot be started here (not installed, not root).
 */
public final class Dovecot implements AutoCloseable {

    /** The users every instance has; each test class or test can take its own so they never see each other's mail. */
    public static final String PASSWORD = "secret";

    private static final AtomicLong FILES = new AtomicLong();

    private final Path dir;
    private final Map<String, String> env;
    private final int imapPort;
    private final int imapsPort;

    private Dovecot(Path dir, Map<String, String> env, int imapPort, int imapsPort) {
        this.dir = dir;
        this.env = env;
        this.imapPort = imapPort;
        this.imapsPort = imapsPort;
    }

    /** Starts an instance with the given users (password {@link #PASSWORD}), or skips the test with the reason. */
    public static Dovecot startOrSkip(String... users) {
        try {
            return start(users);
        } catch (IllegalStateException e) {
            Assumptions.abort("Dovecot cannot be started here, test skipped: " + e.getMessage());
            throw e;
        }
    }

    /**
     * As {@link #startOrSkip(String...)}, with more settings for {@code dovecot.sh} (e.g.
     * {@code OAUTH2_INTROSPECTION_URL}).
     */
    public static Dovecot startOrSkip(Map<String, String> settings, String... users) {
        try {
            return start(settings, users);
        } catch (IllegalStateException e) {
            Assumptions.abort("Dovecot cannot be started here, test skipped: " + e.getMessage());
            throw e;
        }
    }

    public static Dovecot start(String... users) {
        return start(Map.of(), users);
    }

    public static Dovecot start(Map<String, String> settings, String... users) {
        Path dir;
        int imap;
        int imaps;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "dv");
            imap = freePort();
            imaps = freePort();
        } catch (IOException e) {
            throw new IllegalStateException("no temporary directory or port: " + e.getMessage(), e);
        }
        List<String> pairs = new ArrayList<>();
        for (String u : users) {
            pairs.add(u + ":" + PASSWORD);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOVECOT_IMAP_PORT", Integer.toString(imap));
        env.put("DOVECOT_IMAPS_PORT", Integer.toString(imaps));
        env.put("MAIL_USERS", String.join(" ", pairs));
        env.putAll(settings);
        Result r = script("dovecot.sh", env, "start", dir.toString());
        if (r.code != 0) {
            throw new IllegalStateException(r.err.strip());
        }
        Dovecot dovecot = new Dovecot(dir, env, imap, imaps);
        Runtime.getRuntime().addShutdownHook(new Thread(dovecot::close));
        return dovecot;
    }

    public int imapPort() {
        return imapPort;
    }

    public int imapsPort() {
        return imapsPort;
    }

    public Path dir() {
        return dir;
    }

    /** The instance's self-signed certificate (for host {@code localhost} / 127.0.0.1). */
    public Path certificate() {
        return dir.resolve("ssl/cert.pem");
    }

    /** An account for {@code user} on the plain port (loopback only). */
    public MailAccount account(String name, String user) {
        return account(name, user, "127.0.0.1", imapPort, MailAccount.Security.NONE);
    }

    public MailAccount account(String name, String user, String host, int port, MailAccount.Security security) {
        var imap = new MailAccount.Endpoint(host, port, security, user, PASSWORD, false,
                security == MailAccount.Security.NONE ? null : certificate().toString());
        return new MailAccount(name, user + "@rapport.test", imap, null);
    }

    /** Runs {@code doveadm -c DIR/dovecot.conf ARGS} and returns its output; fails the test when it fails. */
    public String doveadm(String... args) {
        return doveadmWithInput(null, args);
    }

    public String doveadmWithInput(byte[] input, String... args) {
        List<String> command = new ArrayList<>(List.of("doveadm", "-c", dir.resolve("dovecot.conf").toString()));
        command.addAll(List.of(args));
        Result r = run(command, Map.of(), input);
        if (r.code != 0) {
            throw new IllegalStateException("doveadm " + String.join(" ", args) + " failed: " + r.err);
        }
        return r.out;
    }

    /** Delivers one message into a user's folder, as a mail server would. */
    public void deliver(String user, String folder, byte[] message) {
        doveadmWithInput(message, "save", "-u", user, "-m", folder);
    }

    /** Gives a folder a new UIDVALIDITY, as a server restored from backup or rebuilt would. */
    public void renumber(String user, String folder, long uidValidity) {
        doveadm("mailbox", "update", "--uid-validity", Long.toString(uidValidity), "-u", user, folder);
    }

    /** The flags of every message in a folder, as {@code doveadm fetch} prints them. */
    public String flags(String user, String folder) {
        return doveadm("fetch", "-u", user, "flags", "mailbox", folder, "all");
    }

    /**
     * Puts many messages into a user's INBOX at once by writing Maildir files (much faster than one delivery per
     * message); Dovecot numbers them in file-name order the next time the folder is opened.
     */
    public void fill(String user, List<byte[]> messages) {
        Path maildir = dir.resolve("mail").resolve(user);
        try {
            for (String sub : List.of("cur", "new", "tmp")) {
                Files.createDirectories(maildir.resolve(sub));
            }
            long base = System.currentTimeMillis() / 1000;
            for (byte[] m : messages) {
                long n = FILES.incrementAndGet();
                String name = String.format("%d.M%09dP1.rapport-test,S=%d:2,", base, n, m.length);
                Files.write(maildir.resolve("cur").resolve(name), m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result r = run(List.of("chown", "-R", "mail:mail", maildir.toString()), Map.of(), null);
        if (r.code != 0) {
            throw new IllegalStateException("chown failed: " + r.err);
        }
    }

    /** Stops the instance and removes its directory (mail, config, logs). */
    @Override
    public synchronized void close() {
        if (Files.isDirectory(dir)) {
            script("dovecot.sh", env, "stop", dir.toString());
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover directory under /tmp is harmless
            }
        }
    }

    /** A plain test message with a unique Message-ID. */
    public static byte[] message(String messageId, String from, String to, String subject, String body) {
        String text = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + messageId + ">\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Result script(String name, Map<String, String> env, String... args) {
        Path script = Path.of("src/test/servers").resolve(name).toAbsolutePath();
        if (!Files.isRegularFile(script)) {
            return new Result(1, "", "the script " + script + " is missing");
        }
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        return run(command, env, null);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(List<String> command, Map<String, String> env, byte[] input) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            Path err = Files.createTempFile("rapport-cmd", ".err");
            pb.redirectError(err.toFile());
            if (input == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            Process p = pb.start();
            if (input != null) {
                try (var in = p.getOutputStream()) {
                    in.write(input);
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(1, out, String.join(" ", command) + " did not finish in 60 s");
            }
            String error = Files.readString(err);
            Files.deleteIfExists(err);
            return new Result(p.exitValue(), out, error);
        } catch (IOException e) {
            return new Result(1, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(1, "", "interrupted");
        }
    }
}
