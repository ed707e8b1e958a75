package app.rapport.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Store;

import org.junit.jupiter.api.Test;

/**
 * XOAUTH2 at the protocol level: a minimal IMAP server on loopback that offers only XOAUTH2 and records what the
 * client sends, so the exact SASL exchange is checked.
 */
class XOAuth2LoginTest {

    @Test
    void logsInWithTheAccessTokenOverXoauth2AndNeverSendsItAsAPassword() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> seen = CompletableFuture.supplyAsync(() -> serveOnce(server));
            var endpoint = new MailAccount.Endpoint("127.0.0.1", server.getLocalPort(), MailAccount.Security.NONE,
                    "shop@rapport.test", "ya29.access-token", false);
            var sessions = new MailSessions(new MailSettings(null, null, null, Duration.ofMinutes(1), List.of("INBOX"),
                    null, Duration.ofSeconds(5)));

            try (Store store = sessions.imap(endpoint, ImapLogin.XOAUTH2).getStore("imap")) {
                store.connect("127.0.0.1", server.getLocalPort(), "shop@rapport.test", "ya29.access-token");
                assertThat(store.isConnected()).isTrue();
            }

            List<String> lines = seen.get(10, TimeUnit.SECONDS);
            String auth = lines.stream().filter(l -> l.contains("AUTHENTICATE")).findFirst().orElseThrow();
            assertThat(auth).contains("AUTHENTICATE XOAUTH2");
            String initial = auth.substring(auth.lastIndexOf(' ') + 1);
            if (initial.equals("XOAUTH2")) {
                initial = lines.get(lines.indexOf(auth) + 1);
            }
            assertThat(new String(Base64.getDecoder().decode(initial), StandardCharsets.UTF_8))
                    .isEqualTo("user=shop@rapport.test\u0001auth=Bearer ya29.access-token\u0001\u0001");
            assertThat(lines).noneMatch(l -> l.toUpperCase().contains(" LOGIN "));
        }
    }

    /** Answers one connection like an IMAP server that only knows XOAUTH2; returns the lines the client sent. */
    private static List<String> serveOnce(ServerSocket server) {
        List<String> lines = new ArrayList<>();
        try (Socket s = server.accept()) {
            s.setSoTimeout(5000);
            var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            send(out, "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] test server ready");
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                String[] words = line.split(" ");
                if (words.length < 2) {
                    continue;
                }
                String tag = words[0];
                String verb = words[1].toUpperCase();
                switch (verb) {
                    case "CAPABILITY" -> send(out, "* CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2\r\n" + tag + " OK done");
                    case "AUTHENTICATE" -> {
                        if (words.length == 3) {
                            send(out, "+ ");
                            lines.add(in.readLine());
                        }
                        send(out, tag + " OK [CAPABILITY IMAP4rev1] logged in");
                    }
                    case "LOGOUT" -> {
                        send(out, "* BYE bye\r\n" + tag + " OK done");
                        return lines;
                    }
                    default -> send(out, tag + " OK done");
                }
            }
        } catch (java.io.IOException e) {
            lines.add("connection error: " + e.getMessage());
        }
        return lines;
    }

    private static void send(OutputStream out, String text) throws java.io.IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
