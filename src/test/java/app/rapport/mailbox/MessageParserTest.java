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

    @Test
    void readsUtf8BytesThatClaimToBeLatin1AsUtf8() throws IOException {
        assertThat(parser.parse(mail("lying-charset-latin1-label-utf8-bytes.eml")).text())
                .isEqualTo("Grüße, die Stiefel sind großartig.");
    }

    @Test
    void readsLatin1BytesThatClaimToBeUtf8AsWindows1252() throws IOException {
        assertThat(parser.parse(mail("lying-charset-utf8-label-latin1-bytes.eml")).text()).isEqualTo("Grüße aus München.");
    }

    @Test
    void keepsWhatCanBeDecodedOfBrokenBase64() throws IOException {
        assertThat(parser.parse(mail("broken-base64.eml")).text()).startsWith("Hello Clara, the boots fit.");
    }

    @Test
    void keepsTheTextOfBrokenQuotedPrintable() throws IOException {
        assertThat(parser.parse(mail("broken-quoted-printable.eml")).text()).startsWith("Grüße").contains("soft break");
    }

    @Test
    void readsAnUnknownTransferEncodingAsIs() throws IOException {
        assertThat(parser.parse(mail("unknown-transfer-encoding.eml")).text())
                .isEqualTo("Plain words under an encoding nobody knows.");
    }

    @Test
    void readsRaw8BitHeadersAsUtf8OrWindows1252() throws IOException {
        ParsedMessage m = parser.parse(mail("raw-8bit-headers.eml"));

        assertThat(m.fromName()).isEqualTo("Jürgen Müller");
        assertThat(m.subject()).isEqualTo("Rückfrage zu den Schuhen");
    }

    @Test
    void neverLetsAnEncodedWordPutALineBreakIntoTheSubject() throws IOException {
        ParsedMessage m = parser.parse(mail("encoded-word-abuse.eml"));

        assertThat(m.subject()).doesNotContain("\r", "\n").contains("Hello").contains("world");
        assertThat(m.fromAddress()).isEqualTo("mallory@example.example");
    }

    @Test
    void flagsAndRemovesANulInFrom() throws IOException {
        ParsedMessage m = parser.parse(mail("nul-in-from.eml"));

        assertThat(m.fromAddress()).isEqualTo("anna@posteo.example");
        assertThat(m.fromName()).doesNotContain("\0");
        assertThat(m.warnings()).anySatisfy(w -> assertThat(w).contains("NUL"));
    }

    @Test
    void flagsADisplayNameShowingAnotherAddress() throws IOException {
        ParsedMessage m = parser.parse(mail("spoofed-display-name.eml"));

        assertThat(m.fromAddress()).isEqualTo("mallory@evil.example");
        assertThat(m.warnings()).containsExactly(
                "the sender's name shows the address anna@posteo.example but the mail comes from mallory@evil.example");
        assertThat(parser.parse(mail("multipart-alternative.eml")).warnings()).isEmpty();
    }

    @Test
    void readsTheFirstPartsOfAMessageWithAMillionParts() {
        StringBuilder mail = new StringBuilder("From: x@example.example\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        mail.append("--b\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n");
        for (int i = 0; i < 1_000_000; i++) {
            mail.append("--b\r\n\r\nx\r\n");
        }
        mail.append("--b--\r\n");

        ParsedMessage m = parser.parse(mail.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(m.text()).isEqualTo("first part");
        assertThat(m.warnings()).anySatisfy(w -> assertThat(w).contains("MIME boundaries"));
    }

    @Test
    void readsAMessageWithAHundredThousandHeaders() {
        StringBuilder mail = new StringBuilder("From: x@example.example\r\nSubject: headers\r\n");
        for (int i = 0; i < 100_000; i++) {
            mail.append("X-Filler-").append(i).append(": value\r\n");
        }
        mail.append("\r\nbody after many headers\r\n");

        ParsedMessage m = parser.parse(mail.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(m.subject()).isEqualTo("headers");
        assertThat(m.text()).isEqualTo("body after many headers");
    }

    @Test
    void capsAOneMegabyteHeaderLine() {
        String huge = "=?utf-8?Q?a?= ".repeat(80_000);
        String mail = "From: x@example.example\r\nSubject: " + huge + "\r\nReferences: " + "<r@x> ".repeat(170_000)
                + "\r\n\r\nbody\r\n";

        ParsedMessage m = parser.parse(mail.getBytes(StandardCharsets.US_ASCII));

        assertThat(m.subject().length()).isLessThanOrEqualTo(MessageParser.MAX_HEADER_CHARS);
        assertThat(m.references()).hasSizeLessThanOrEqualTo(100);
        assertThat(m.text()).isEqualTo("body");
    }

    @Test
    void refusesBytesThatAreNotMail() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parse(new byte[0]))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("empty");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parse(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("not an RFC 5322 message");
    }

    @Test
    void theUtf8CheckAgreesWithAStrictDecoderOnEveryKindOfSequence() {
        java.util.Random random = new java.util.Random(7);
        String[] samples = {"plain", "Grüße aus Konstanz", "日本語のメール", "emoji 😀", "\u0080\u07ff\u0800\uffff"};
        java.util.List<byte[]> inputs = new java.util.ArrayList<>();
        for (String s : samples) {
            inputs.add(s.getBytes(StandardCharsets.UTF_8));
            inputs.add(s.getBytes(StandardCharsets.ISO_8859_1));
        }
        // overlong, surrogate, above U+10FFFF, cut short, stray continuation
        inputs.add(new byte[] {(byte) 0xc0, (byte) 0xaf});
        inputs.add(new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf});
        inputs.add(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
        inputs.add(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        inputs.add(new byte[] {(byte) 0xe2, (byte) 0x82});
        inputs.add(new byte[] {(byte) 0x80});
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(6)];
            random.nextBytes(b);
            inputs.add(b);
        }
        for (byte[] b : inputs) {
            boolean strict;
            try {
                StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
                strict = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                strict = false;
            }
            assertThat(MessageParser.isUtf8(b)).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(strict);
        }
    }

    @Test
    void capsBoundaryLinesWhereverTheyStandAsALineByLineCountWould() {
        java.util.Random random = new java.util.Random(7);
        byte[] alphabet = "-\n\rab".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 300; round++) {
            byte[] raw = new byte[6_000 + random.nextInt(30_000)];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = alphabet[random.nextInt(random.nextBoolean() ? 2 : alphabet.length)];
            }
            int cut = raw.length;
            int count = 0;
            for (int i = 0; i + 2 < raw.length; i++) {
                if (raw[i] == '-' && raw[i + 1] == '-' && (i == 0 || raw[i - 1] == '\n') && ++count > MessageParser.MAX_BOUNDARY_LINES) {
                    cut = i;
                    break;
                }
            }
            java.util.List<String> warnings = new java.util.ArrayList<>();

            byte[] capped = MessageParser.capBoundaries(raw, warnings);

            assertThat(capped.length).as("round %d", round).isEqualTo(cut);
            assertThat(warnings).hasSize(cut < raw.length ? 1 : 0);
        }
    }

    @Test
    void everyLineEndOfABodyBecomesOneLineFeedAndNulCharactersGo() {
        String mail = "From: x@example.example\r\nSubject: ends\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nfirst\r\nsecond\rthird\n\u0000fourth \u00e4\r\n\r\nlast";
        byte[] bytes = mail.getBytes(StandardCharsets.UTF_8);

        assertThat(parser.parse(bytes).text()).isEqualTo("first\nsecond\nthird\nfourth \u00e4\n\nlast");
        byte[] utf16 = ("From: x@example.example\r\nContent-Type: text/plain; charset=utf-16be\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString("one\r\ntwo\rthree\u0000".getBytes(StandardCharsets.UTF_16BE)))
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(parser.parse(utf16).text()).isEqualTo("one\ntwo\nthree");
        assertThat(MessageParser.unixLines("a\r\n\r\rb\u0000")).isEqualTo("a\n\n\nb");
    }

    @Test
    void readForStorageNotesAnHtmlPartBesideWordsButReadsItWhenTheTextPartIsEmpty() {
        String alternative = "From: x@example.example\r\nSubject: both\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\n%s\r\n"
                + "--b\r\nContent-Type: text/html\r\n\r\n<p>The <b>oak</b> box</p>\r\n--b--\r\n";
        byte[] withWords = alternative.formatted("The oak box").getBytes(StandardCharsets.US_ASCII);
        byte[] blank = alternative.formatted("  ").getBytes(StandardCharsets.US_ASCII);

        ParsedMessage stored = parser.readForStorage(withWords);
        ParsedMessage storedBlank = parser.readForStorage(blank).withNewText();

        assertThat(stored.html()).isNull();
        assertThat(stored.hasHtml()).isTrue();
        assertThat(stored.text()).isEqualTo("The oak box");
        assertThat(parser.read(withWords).html()).contains("<b>oak</b>");
        assertThat(parser.read(withWords).hasHtml()).isTrue();
        assertThat(storedBlank.html()).contains("<b>oak</b>");
        assertThat(storedBlank.newText()).isEqualTo("The oak box");
        assertThat(parser.readForStorage("From: x@example.example\r\n\r\nplain".getBytes(StandardCharsets.US_ASCII))
                .hasHtml()).isFalse();
    }
}
