package app.rapport.outbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

import app.rapport.drafting.Draft;
import app.rapport.drafting.DraftState;
import app.rapport.drafting.OwnerProfile;
import app.rapport.mailbox.Direction;
import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.StoredMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reply exactly as it leaves: its parts and headers, and values that try to smuggle in a header. */
class ReplyComposerTest {

    static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    static final MailAccount ACCOUNT = new MailAccount("default", "clara@lindgren-shoes.example", null, null);

    @Test
    void aReplyIsMultipartAlternativeUtf8WithEncodedWordsThreadingAndTheOwnersDomain() throws Exception {
        MimeMessage reply = parse(composer("Clara Lindgren", "orders@lindgren-shoes.example")
                .compose(ACCOUNT, draft("anna@example.org", "Re: Größe 38½ – passen sie?"), parent("a1@example.org",
                        List.of("a0@example.org")), "r1@lindgren-shoes.example"));

        assertThat(reply.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        assertThat(reply.getSubject()).isEqualTo("Re: Größe 38½ – passen sie?");
        assertThat(reply.getFrom()).containsExactly(new InternetAddress("clara@lindgren-shoes.example", "Clara Lindgren"));
        assertThat(reply.getReplyTo()).containsExactly(new InternetAddress("orders@lindgren-shoes.example"));
        assertThat(reply.getRecipients(Message.RecipientType.TO)).containsExactly(new InternetAddress("anna@example.org"));
        assertThat(reply.getMessageID()).isEqualTo("<r1@lindgren-shoes.example>");
        assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo("<a1@example.org>");
        assertThat(references(reply)).isEqualTo("<a0@example.org> <a1@example.org>");
        assertThat(reply.getSentDate().toInstant()).isEqualTo(NOW);
        MimeMultipart parts = (MimeMultipart) reply.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Grüße");
    }

    @Test
    void withoutAReplyToSettingThereIsNoReplyToHeader() throws Exception {
        MimeMessage reply = parse(composer("Clara Lindgren", null).compose(ACCOUNT, draft("anna@example.org", "Re: boots"),
                parent("a1@example.org", List.of()), "r2@lindgren-shoes.example"));

        assertThat(reply.getHeader("Reply-To")).isNull();
    }

    @Test
    void aNonAsciiOwnerNameIsEncodedNotRaw() throws Exception {
        byte[] raw = composer("Zoë Ångström", null).compose(ACCOUNT, draft("anna@example.org", "Re: boots"),
                parent("a1@example.org", List.of()), "r3@lindgren-shoes.example");

        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("Zoë").contains("From: =?UTF-8?");
        assertThat(((InternetAddress) parse(raw).getFrom()[0]).getPersonal()).isEqualTo("Zoë Ångström");
    }

    @Test
    void theReferencesChainIsTrimmedToTheFirstAndTheMostRecent() throws Exception {
        List<String> chain = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            chain.add("m" + i + "@example.org");
        }
        MimeMessage reply = parse(composer("Clara", null).compose(ACCOUNT, draft("anna@example.org", "Re: boots"),
                parent("m30@example.org", chain), "r4@lindgren-shoes.example"));

        String[] refs = references(reply).split(" ");
        assertThat(refs).hasSize(ReplyComposer.MAX_REFERENCES);
        assertThat(refs[0]).isEqualTo("<m0@example.org>");
        assertThat(refs[refs.length - 1]).isEqualTo("<m30@example.org>");
    }

    @Test
    void aLineBreakInTheSubjectIsRefusedWithAClearMessage() {
        for (String subject : List.of("Re: boots\r\nBcc: thief@evil.example", "Re: boots\nBcc: thief@evil.example",
                "Re: boots\rBcc: thief@evil.example", "Re: boots\u2028Bcc: x@evil.example")) {
            assertThatThrownBy(() -> composer("Clara", null).compose(ACCOUNT, draft("anna@example.org", subject),
                    parent("a1@example.org", List.of()), "r5@lindgren-shoes.example"))
                    .isInstanceOf(UnsafeHeaderException.class)
                    .hasMessageContaining("the subject contains a line break");
        }
    }

    @Test
    void aLineBreakInTheOwnersNameIsRefused() {
        assertThatThrownBy(() -> composer("Clara\r\nBcc: thief@evil.example", null).compose(ACCOUNT,
                draft("anna@example.org", "Re: boots"), parent("a1@example.org", List.of()), "r6@lindgren-shoes.example"))
                .isInstanceOf(UnsafeHeaderException.class).hasMessageContaining("the owner's name contains a line break");
    }

    @Test
    void aRecipientAddressCannotCarryASecondRecipientOrAHeader() {
        for (String to : List.of("anna@example.org\r\nBcc: thief@evil.example", "anna@example.org, thief@evil.example",
                "anna@example.org;thief@evil.example", "Anna <anna@example.org>", "group: thief@evil.example;",
                "anna@example.org (comment)", "")) {
            assertThatThrownBy(() -> composer("Clara", null).compose(ACCOUNT, draft(to, "Re: boots"),
                    parent("a1@example.org", List.of()), "r7@lindgren-shoes.example"))
                    .as(to).isInstanceOf(UnsafeHeaderException.class).hasMessageContaining("the customer's address");
        }
    }

    @Test
    void aReplyToSettingWithALineBreakIsRefused() {
        assertThatThrownBy(() -> composer("Clara", "orders@x.example\nBcc: thief@evil.example").compose(ACCOUNT,
                draft("anna@example.org", "Re: boots"), parent("a1@example.org", List.of()), "r8@lindgren-shoes.example"))
                .isInstanceOf(UnsafeHeaderException.class).hasMessageContaining("the Reply-To address");
    }

    @Test
    void aParentMessageIdWithALineBreakNeverReachesTheHeaders() throws Exception {
        assertThatThrownBy(() -> composer("Clara", null).compose(ACCOUNT, draft("anna@example.org", "Re: boots"),
                parent("a1@example.org>\r\nBcc: <thief@evil.example", List.of()), "r9@lindgren-shoes.example"))
                .isInstanceOf(UnsafeHeaderException.class);

        MimeMessage reply = parse(composer("Clara", null).compose(ACCOUNT, draft("anna@example.org", "Re: boots"),
                parent("a1@example.org", List.of("x@example.org>\r\nBcc: <thief@evil.example", "a0@example.org")),
                "r10@lindgren-shoes.example"));
        assertThat(reply.getHeader("Bcc")).isNull();
        assertThat(references(reply)).isEqualTo("<a0@example.org> <a1@example.org>");
    }

    private static ReplyComposer composer(String ownerName, String replyTo) {
        return new ReplyComposer(new OwnerProfile(ownerName, "Lindgren Shoes", "Freiburg"),
                new OutboxSettings(Duration.ofSeconds(10), 8, Duration.ofSeconds(30), Duration.ofHours(1), true, replyTo),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Draft draft(String to, String subject) {
        return new Draft(1, 1, 1, 1L, DraftState.APPROVED, "sizing", "sizing", to, subject,
                "Hello Anna,\n\nyes, they do.\n\nHerzliche Grüße\nClara", "<p>Hello Anna,</p><p>yes, they do.</p>",
                NOW, NOW);
    }

    private static StoredMessage parent(String messageId, List<String> references) {
        return new StoredMessage(1, messageId, references, Direction.INBOUND, "anna@example.org", "Anna",
                List.of(ACCOUNT.address()), "boots", NOW, "text", "text", false, null, "0".repeat(64), 10);
    }

    /** The References header unfolded, ids separated by one space. */
    private static String references(MimeMessage reply) throws Exception {
        return reply.getHeader("References", " ").strip().replaceAll("\\s+", " ");
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }
}
