package app.rapport.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.junit.jupiter.api.Assumptions;

/**
 * A real Postfix delivering into a real Dovecot, both started with the scripts in {@code src/test/servers} on
 * free loopback ports in a fresh directory under /tmp (users {@code shop} and {@code customer} at
 * {@value #DOMAIN}). {@link #startOrSkip} makes the calling test skip itself, saying why, when the servers
 * cannot run here (not installed, not root).
 */
public final class PostfixAndDovecot implements AutoCloseable {

    public static final String DOMAIN = "rapport.test";
    public static final String SHOP = "shop@" + DOMAIN;
    public static final String SHOP_PASSWORD = "shop-secret";
    public static final String CUSTOMER = "customer@" + DOMAIN;
    public static final String CUSTOMER_PASSWORD = "customer-secret";

    private static final Path SCRIPTS = Path.of("src/test/servers");

    private final Path dir;
    public final int imapPort;
    public final int imapsPort;
    public final int smtpPort;
    public final int smtpsPort;

    private PostfixAndDovecot(Path dir, int[] ports) {
        this.dir = dir;
        this.imapPort = ports[0];
        this.imapsPort = ports[1];
        this.smtpPort = ports[2];
        this.smtpsPort = ports[3];
    }

    public static PostfixAndDovecot startOrSkip() {
        Assumptions.assumeTrue(Files.isRegularFile(SCRIPTS.resolve("postfix.sh")), "no src/test/servers scripts here");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/postfix")) && Files.isExecutable(Path.of("/usr/sbin/dovecot")),
                "Postfix and Dovecot are not installed (run src/test/servers/install.sh as root); skipping");
        Path dir;
        int[] ports;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "rpo-");
            ports = freePorts(4);
        } catch (IOException e) {
            Assumptions.abort("cannot prepare a directory for the mail servers: " + e.getMessage());
            throw new IllegalStateException(e);
        }
        PostfixAndDovecot servers = new PostfixAndDovecot(dir, ports);
        String dovecot = servers.script("dovecot.sh", "start");
        Assumptions.assumeTrue(dovecot == null, () -> "Dovecot could not be started here, skipping: " + dovecot);
        String postfix = servers.script("postfix.sh", "start");
        if (postfix != null) {
            servers.script("dovecot.sh", "stop");
            Assumptions.abort("Postfix could not be started here, skipping: " + postfix);
        }
        return servers;
    }

    /** The servers' self-signed certificate (for 127.0.0.1), to trust explicitly. */
    public Path certificate() {
        return dir.resolve("ssl/cert.pem");
    }

    /** An IMAP session as this user (plain IMAP on loopback); the caller closes it. */
    public Store imap(String user, String password) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "5000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", imapPort, user, password);
        return store;
    }

    /** Opens a folder read-only, for looking. */
    public static Folder open(Store store, String name) throws Exception {
        Folder folder = store.getFolder(name);
        folder.open(Folder.READ_ONLY);
        return folder;
    }

    @Override
    public void close() {
        script("postfix.sh", "stop");
        script("dovecot.sh", "stop");
    }

    /** Runs a server script; null when it worked, else what it said. */
    private String script(String name, String action) {
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", SCRIPTS.resolve(name).toString(), action, dir.toString())
                    .redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.put("DOVECOT_IMAP_PORT", Integer.toString(imapPort));
            env.put("DOVECOT_IMAPS_PORT", Integer.toString(imapsPort));
            env.put("POSTFIX_SMTP_PORT", Integer.toString(smtpPort));
            env.put("POSTFIX_SMTPS_PORT", Integer.toString(smtpsPort));
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return name + " " + action + " did not finish within 60 s";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? null : output.strip();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
