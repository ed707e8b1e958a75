package app.rapport.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageParserTest {

    private final MessageParser parser = new MessageParser();

    private static byte[] mail(String name) throws IOException {
        try (InputStream in = MessageParserTest.class.getResourceAsStream("/mail/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsTheTextPartOfMultipartAlternativeAndKeepsTheHtml() throws IOException {
        ParsedMessage m = parser.parse(mail("multipart-alternative.eml"));

        assertThat(m.messageId()).isEqualTo("tom.size.1@mail.example");
        assertThat(m.fromAddress()).isEqualTo("tom.becker@mail.example");
        assertThat(m.fromName()).isEqualTo("Tom Becker");
        assertThat(m.toAddresses()).containsExactly("clara@lindgren-shoes.example");
        assertThat(m.text()).startsWith("Hi Clara,").contains("43.5 in dress shoes").doesNotContain("<div");
        assertThat(m.html()).contains("<b>44</b>");
        assertThat(m.date()).isEqualTo(Instant.parse("2026-11-02T09:15:00Z"));
        assertThat(m.automated()).isNull();
    }

    @Test
    void decodesWindows1252WithCurlyQuotesDashesAndEuro() throws IOException {
        ParsedMessage m = parser.parse(mail("windows-1252.eml"));

        assertThat(m.text()).isEqualTo(
                "I’m writing about my order – it said “Shipment information received” for 16 days. 50 € is a lot.");
    }

    @Test
    void decodesEncodedWordsInSubjectAndSender() throws IOException {
        ParsedMessage m = parser.parse(mail("encoded-word-subject.eml"));

        assertThat(m.subject()).isEqualTo("Rückgabe / return of my loafers");
        assertThat(m.fromName()).isEqualTo("Lukas Brandt");
    }

    @Test
    void fallsBackFromAnUnknownCharsetInsteadOfFailing() throws IOException {
        ParsedMessage m = parser.parse(mail("unknown-charset.eml"));

        assertThat(m.text()).isEqualTo("Grüße aus München, die Stiefel sind großartig.");
    }

    @Test
    void givesAMessageWithoutMessageIdAStableSyntheticId() throws IOException {
        ParsedMessage first = parser.parse(mail("no-message-id.eml"));
        ParsedMessage again = parser.parse(mail("no-message-id.eml"));

        assertThat(first.messageId()).endsWith("@rapport.invalid").isEqualTo(again.messageId());
        assertThat(first.text()).contains("Do you ship to Austria?");
    }

    @Test
    void turnsHtmlOnlyMailIntoTextUsingTheCharsetFromItsMetaTag() throws IOException {
        ParsedMessage m = parser.parse(mail("html-only-meta-charset.eml"));

        assertThat(m.text()).isEqualTo("Bonjour Clara,\n\nJe cherche des bottes étroites.\n\n- Taille 38\n- Couleur : cognac");
    }

    @Test
    void readsAMultipartWhoseEndBoundaryNeverCame() throws IOException {
        ParsedMessage m = parser.parse(mail("missing-end-boundary.eml"));

        assertThat(m.text()).isEqualTo("The rest of this message never arrived.");
    }

    @Test
    void survivesHostileNestingWithoutStackOverflow() {
        StringBuilder mail = new StringBuilder("From: x@example.example\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
        int depth = 5_000;
        for (int i = 0; i < depth; i++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
        }
        mail.append("Content-Type: text/plain\r\n\r\ndeep inside\r\n");

        ParsedMessage m = parser.parse(mail.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(m.subject()).isEqualTo("deep");
    }

    @Test
    void recognisesAutomaticRepliesAndNewsletters() {
        String autoReply = "From: Jonas <jonas@example.example>\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office\r\n\r\nAway.\r\n";
        String newsletter = "From: news@tannery.example\r\nList-Unsubscribe: <mailto:u@tannery.example>\r\nSubject: Autumn\r\n\r\nColours.\r\n";
        String person = "From: Anna <anna@posteo.example>\r\nSubject: Thank you\r\n\r\nThe boots are lovely.\r\n";

        assertThat(parser.parse(autoReply.getBytes(StandardCharsets.US_ASCII)).automated()).contains("automatic reply");
        assertThat(parser.parse(newsletter.getBytes(StandardCharsets.US_ASCII)).automated()).contains("newsletter");
        assertThat(parser.parse(person.getBytes(StandardCharsets.US_ASCII)).automated()).isNull();
    }

    @Test
    void keepsReferencesInOrderWithTheDirectParentLast() {
        String reply = "From: a@example.example\r\nMessage-ID: <c@x>\r\nReferences: <a@x> <b@x>\r\nIn-Reply-To: <b@x>\r\n\r\nhi\r\n";

        assertThat(parser.parse(reply.getBytes(StandardCharsets.US_ASCII)).references()).containsExactly("a@x", "b@x");
    }

    @Test
    void storesTextWithPlainLineEndingsSoTheNewTextIsItsBeginning() throws IOException {
        ParsedMessage m = parser.parse(mail("multipart-alternative.eml"));

        assertThat(m.text()).doesNotContain("\r");
        assertThat(m.text()).startsWith(NewText.of(m.text()));
    }
}
