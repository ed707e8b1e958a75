package app.rapport.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import app.rapport.support.Dovecot;
import app.rapport.support.TestData;

/**
 * XOAUTH2 against a real Dovecot whose oauth2 passdb asks a token introspection endpoint (RFC 7662) whether an
 * access token is valid. The endpoint is a small HTTP server in this test that knows one token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "rapport.demo.enabled=false",
        "rapport.mail.initial-delay=1h",
        "rapport.mail.poll-interval=1h",
        "rapport.mail.timeout=5s",
        "rapport.mail.sync.idle=false"})
class DovecotXOAuth2Test {

    private static final String TOKEN = "ya29.token-of-the-shop";
    private static final List<String> introspected = new CopyOnWriteArrayList<>();
    private static HttpServer introspection;
    private static Dovecot dovecot;

    @BeforeAll
    static void start() throws IOException {
        if (dovecot != null) {
            return;
        }
        introspection = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        introspection.createContext("/introspect", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String token = "";
            for (String pair : form.split("&")) {
                if (pair.startsWith("token=")) {
                    token = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                }
            }
            introspected.add(token);
            byte[] answer = (token.equals(TOKEN) ? "{\"active\": true, \"username\": \"oauth\"}" : "{\"active\": false}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        introspection.start();
        String url = "http://127.0.0.1:" + introspection.getAddress().getPort() + "/introspect";
        try {
            dovecot = Dovecot.startOrSkip(Map.of("OAUTH2_INTROSPECTION_URL", url), "oauth", "expired");
        } finally {
            if (dovecot == null) {
                introspection.stop(0);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
            dovecot = null;
        }
        if (introspection != null) {
            introspection.stop(0);
        }
    }

    @DynamicPropertySource
    static void accounts(DynamicPropertyRegistry registry) {
        registry.add("rapport.data-dir", () -> TestData.freshDirectory("dovecot-oauth2"));
        String[][] accounts = {{"oauth", TOKEN}, {"expired", "ya29.an-expired-token"}};
        for (int i = 0; i < accounts.length; i++) {
            String user = accounts[i][0];
            String token = accounts[i][1];
            String p = "rapport.accounts[" + i + "].";
            registry.add(p + "name", () -> user);
            registry.add(p + "address", () -> user + "@rapport.test");
            registry.add(p + "imap-login", () -> "XOAUTH2");
            registry.add(p + "imap.host", () -> "127.0.0.1");
            registry.add(p + "imap.port", () -> dovecot == null ? 1 : dovecot.imapPort());
            registry.add(p + "imap.security", () -> "NONE");
            registry.add(p + "imap.user", () -> user + "@rapport.test");
            registry.add(p + "imap.password", () -> token);
        }
    }

    @Autowired
    MailboxPoller poller;
    @Autowired
    JdbcClient jdbc;

    @Test
    void accountWithAValidAccessTokenLogsInOverXoauth2AndSyncs() {
        dovecot.deliver("oauth", "INBOX", Dovecot.message("oauth-1@test", "h@customer.example", "oauth@rapport.test",
                "read with a token", "hello"));

        poller.checkNow();

        assertThat(status("oauth").healthy()).as(String.valueOf(status("oauth").lastError())).isTrue();
        assertThat(jdbc.sql("select message_id from messages where account = 'oauth'").query(String.class).list())
                .containsExactly("oauth-1@test");
        // Dovecot asked the introspection endpoint: the token went as a bearer token, not as a password.
        assertThat(introspected).contains(TOKEN);
        assertThat(dovecot.doveadm("fetch", "-u", "oauth", "flags", "mailbox", "INBOX", "all")).doesNotContain("\\Seen");
    }

    @Test
    void accountWithAWrongAccessTokenFailsWithPlainWordsAndNoToken() {
        MailboxPoller.PollResult result = poller.checkNow();

        MailboxPoller.AccountStatus expired = status("expired");
        assertThat(expired.healthy()).isFalse();
        assertThat(expired.lastError()).isEqualTo("the mail server rejected the access token (OAuth2 login): it may"
                + " have expired or belong to another user; give Rapport a fresh token");
        assertThat(result.errors()).anySatisfy(e -> assertThat(e).startsWith("expired: the mail server rejected the access token")
                .doesNotContain("ya29").doesNotContain("Exception"));
        assertThat(introspected).contains("ya29.an-expired-token");
    }

    private MailboxPoller.AccountStatus status(String account) {
        return poller.status().stream().filter(s -> s.account().equals(account)).findFirst().orElseThrow();
    }
}
