package app.rapport.outbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import app.rapport.mailbox.MailAccount;
import app.rapport.support.Mails;
import app.rapport.support.PostfixAndDovecot;
import app.rapport.support.TestData;
import app.rapport.support.WebSession;

import static app.rapport.support.PostfixAndDovecot.CUSTOMER;
import static app.rapport.support.PostfixAndDovecot.CUSTOMER_PASSWORD;
import static app.rapport.support.PostfixAndDovecot.SHOP;
import static app.rapport.support.PostfixAndDovecot.SHOP_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The owner approves a reply in the web inbox; a real Postfix (STARTTLS, AUTH, its self-signed certificate
 * trusted through the setting) delivers it to the customer's real Dovecot mailbox; the copy lands in the shop's
 * Sent folder (IMAPS) and the customer's message is marked answered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rapport.mail.address=" + SHOP,
        "rapport.mail.poll-interval=300ms",
        "rapport.mail.initial-delay=0s",
        "rapport.outbox.undo-window=1s",
        "rapport.outbox.check-interval=200ms",
        "rapport.outbox.reply-to=orders@rapport.test",
        "rapport.owner.name=Clara Lindgren",
        "rapport.owner.password=" + PostfixEndToEndTest.PASSWORD})
class PostfixEndToEndTest {

    static final String PASSWORD = "postfix-owner-secret";
    static PostfixAndDovecot servers;

    @BeforeAll
    static void start() {
        servers = PostfixAndDovecot.startOrSkip();
        Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(100));
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        registry.add("rapport.data-dir", () -> TestData.freshDirectory("postfix"));
        registry.add("rapport.mail.imap.host", () -> "127.0.0.1");
        registry.add("rapport.mail.imap.port", () -> servers.imapsPort);
        registry.add("rapport.mail.imap.security", () -> "TLS");
        registry.add("rapport.mail.imap.user", () -> SHOP);
        registry.add("rapport.mail.imap.password", () -> SHOP_PASSWORD);
        registry.add("rapport.mail.imap.trusted-certificate", () -> servers.certificate().toString());
        registry.add("rapport.mail.smtp.host", () -> "127.0.0.1");
        registry.add("rapport.mail.smtp.port", () -> servers.smtpPort);
        registry.add("rapport.mail.smtp.security", () -> "STARTTLS");
        registry.add("rapport.mail.smtp.user", () -> SHOP);
        registry.add("rapport.mail.smtp.password", () -> SHOP_PASSWORD);
        registry.add("rapport.mail.smtp.trusted-certificate", () -> servers.certificate().toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    Outbox outbox;
    @Autowired
    SmtpDelivery delivery;

    @Test
    void anApprovedReplyReachesTheCustomerOnceThreadedFiledInSentWithTheOriginalAnswered() throws Exception {
        String original = UUID.randomUUID() + "@" + PostfixAndDovecot.DOMAIN;
        Mails.send(servers.smtpPort, CUSTOMER, "Anna Müller", SHOP, "Größe 38½ – passen die Stiefel?",
                "Hello Clara,\n\ndo the boots come in size 38.5? I usually wear 38 or 39.\n\nAnna", original, null);
        WebSession web = new WebSession(port);
        web.login("owner", PASSWORD);
        WebSession.Page inbox = await().until(() -> web.get("/inbox"),
                p -> p.html().select(".row .who").eachText().contains("Anna Müller"));
        String link = inbox.html().expectFirst(".row:has(.who:containsOwn(Anna Müller))").attr("href");
        WebSession.Page conversation = web.get(link);

        web.submit(conversation, "form.editor", Map.of(), "button.primary");
        WebSession.Page replayed = web.submit(conversation, "form.editor", Map.of(), "button.primary");
        assertThat(replayed.html().select(".flash.notice").text()).contains("already approved");

        MimeMessage reply = await().until(() -> repliesTo(original), r -> !r.isEmpty()).getFirst();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> repliesTo(original).size() == 1);

        assertThat(reply.getSubject()).isEqualTo("Re: Größe 38½ – passen die Stiefel?");
        assertThat(reply.getHeader("Subject")[0]).as("encoded words").startsWith("=?UTF-8?");
        assertThat(reply.getFrom()).containsExactly(new InternetAddress(SHOP, "Clara Lindgren", "UTF-8"));
        assertThat(reply.getReplyTo()).containsExactly(new InternetAddress("orders@rapport.test"));
        assertThat(reply.getRecipients(Message.RecipientType.TO)).containsExactly(new InternetAddress(CUSTOMER));
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<" + original + ">");
        assertThat(reply.getHeader("References", null)).contains("<" + original + ">");
        assertThat(reply.getMessageID()).endsWith("@" + PostfixAndDovecot.DOMAIN + ">");
        assertThat(reply.getSentDate()).isNotNull();
        MimeMultipart parts = (MimeMultipart) reply.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(new String(raw(reply), StandardCharsets.US_ASCII)).as("went through Postfix").contains("Received: ");

        String messageId = reply.getMessageID();
        OutgoingReply sent = await().until(() -> outbox.forConversation(conversationOf(link)).getFirst(),
                r -> r.filing() == FilingState.FILED);
        assertThat(sent.state()).isEqualTo(OutboxState.SENT);
        assertThat("<" + sent.messageId() + ">").isEqualTo(messageId);
        try (Store shop = servers.imap(SHOP, SHOP_PASSWORD)) {
            Folder sentFolder = PostfixAndDovecot.open(shop, "Sent");
            List<String> ids = new ArrayList<>();
            for (Message m : sentFolder.getMessages()) {
                ids.add(((MimeMessage) m).getMessageID());
                if (messageId.equals(((MimeMessage) m).getMessageID())) {
                    assertThat(new String(raw((MimeMessage) m), StandardCharsets.US_ASCII))
                            .as("the copy is the message as composed, not as delivered").doesNotContain("Received: ");
                    assertThat(m.isSet(Flags.Flag.SEEN)).isTrue();
                }
            }
            assertThat(ids).containsOnlyOnce(messageId);
            Folder inboxFolder = PostfixAndDovecot.open(shop, "INBOX");
            Message customerMessage = java.util.Arrays.stream(inboxFolder.getMessages())
                    .filter(m -> hasMessageId(m, "<" + original + ">")).findFirst().orElseThrow();
            assertThat(customerMessage.isSet(Flags.Flag.ANSWERED)).isTrue();
            assertThat(customerMessage.isSet(Flags.Flag.SEEN)).as("still unread for the owner").isFalse();
        }
        WebSession.Page after = await().until(() -> web.get(link),
                p -> p.html().select(".message").size() == 2 && p.html().select(".replies .badge.sent").size() == 1);
        assertThat(after.html().select(".message.from-shop .body").text()).startsWith("Hello Anna");
        // The reply is the only message from the shop here, so finding it by sender proves it was indexed.
        await().until(() -> web.get("/search?q=from:shop"),
                p -> p.html().select("a.row.hit").stream().anyMatch(a -> a.attr("href").startsWith(link + "#")));
    }

    @Test
    void implicitTlsIsVerifiedAgainstTheTrustedCertificateAndNeverAcceptedBlindly() throws Exception {
        String cert = servers.certificate().toString();
        var trusted = new MailAccount.Endpoint("127.0.0.1", servers.smtpsPort, MailAccount.Security.TLS, SHOP,
                SHOP_PASSWORD, false, cert);
        var untrusted = new MailAccount.Endpoint("127.0.0.1", servers.smtpsPort, MailAccount.Security.TLS, SHOP,
                SHOP_PASSWORD, false, null);
        var startTlsUntrusted = new MailAccount.Endpoint("127.0.0.1", servers.smtpPort, MailAccount.Security.STARTTLS,
                SHOP, SHOP_PASSWORD, false, null);
        var wrongPassword = new MailAccount.Endpoint("127.0.0.1", servers.smtpsPort, MailAccount.Security.TLS, SHOP,
                "not-the-password", false, cert);

        assertThat(delivery.deliver(untrusted, message("tls-untrusted")).reason()).contains("certificate could not be verified");
        assertThat(delivery.deliver(startTlsUntrusted, message("starttls-untrusted")).reason()).contains("certificate could not be verified");
        SmtpDelivery.Outcome refusedLogin = delivery.deliver(wrongPassword, message("wrong-password"));
        assertThat(refusedLogin.reason()).contains("did not accept the login").contains("Settings");
        assertThat(refusedLogin.result()).as("a refused login (535) stops at once").isEqualTo(SmtpDelivery.Result.PERMANENT);
        SmtpDelivery.Outcome accepted = delivery.deliver(trusted, message("tls-trusted"));
        assertThat(accepted.result()).as(accepted.reason()).isEqualTo(SmtpDelivery.Result.ACCEPTED);
        assertThat(accepted.reason()).contains("250");
    }

    private static byte[] message(String tag) {
        return ("From: " + SHOP + "\r\nTo: " + CUSTOMER + "\r\nSubject: " + tag + "\r\nMessage-ID: <" + tag + "."
                + UUID.randomUUID() + "@rapport.test>\r\n\r\n" + tag + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static long conversationOf(String link) {
        return Long.parseLong(link.substring(link.lastIndexOf('/') + 1));
    }

    private static List<MimeMessage> repliesTo(String original) throws Exception {
        try (Store customer = servers.imap(CUSTOMER, CUSTOMER_PASSWORD)) {
            Folder inbox = PostfixAndDovecot.open(customer, "INBOX");
            List<MimeMessage> found = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                String[] inReplyTo = m.getHeader("In-Reply-To");
                if (inReplyTo != null && inReplyTo[0].contains(original)) {
                    found.add(new MimeMessage((MimeMessage) m));
                }
            }
            return found;
        }
    }

    private static boolean hasMessageId(Message m, String id) {
        try {
            return id.equals(((MimeMessage) m).getMessageID());
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}
