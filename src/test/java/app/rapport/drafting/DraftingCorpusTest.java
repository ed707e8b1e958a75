package app.rapport.drafting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.rapport.mailbox.Direction;
import app.rapport.mailbox.MessageParser;
import app.rapport.mailbox.NewText;
import app.rapport.mailbox.ParsedMessage;
import app.rapport.mailbox.StoredMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whether to reply and what a message does, on real mail: the usrp-users list archive. Every message there is
 * list traffic, so none may get a draft. Skipped where the corpus is absent.
 */
class DraftingCorpusTest {

    private static final Path ARCHIVE = Path.of("../shared/corpus/usrp-users.tar.zst");
    private static final Set<String> SHOP = Set.of("clara@lindgren-shoes.example");

    @TempDir
    static Path unpacked;

    static List<Path> files;

    @BeforeAll
    static void unpack() throws Exception {
        assumeTrue(Files.isRegularFile(ARCHIVE), "the usrp-users corpus is not at " + ARCHIVE.toAbsolutePath() + "; skipped");
        Process p = new ProcessBuilder("sh", "-c", "zstd -dc \"$0\" | tar x -C \"$1\"",
                ARCHIVE.toAbsolutePath().toString(), unpacked.toString()).inheritIO().start();
        assertThat(p.waitFor()).as("unpacking " + ARCHIVE).isZero();
        try (Stream<Path> s = Files.list(unpacked.resolve("usrp-users/cur"))) {
            files = s.sorted().toList();
        }
    }

    private static StoredMessage stored(ParsedMessage p, boolean keepAutomation) {
        String text = p.text() == null ? "" : p.text();
        return new StoredMessage(1, p.messageId(), p.references(), Direction.INBOUND, p.fromAddress(), p.fromName(),
                p.toAddresses(), p.subject() == null ? "" : p.subject(), p.date(), text, NewText.of(text), false,
                keepAutomation ? p.automated() : null, "0".repeat(64), text.length());
    }

    /** Every fifth message, spread over the years, keeps the test short; {@code bench draft} covers them all. */
    @Test
    void noListMessageOfTheCorpusGetsADraftAndEachSaysWhy() throws Exception {
        MessageParser parser = new MessageParser();
        int drafted = 0;
        int byWordsAlone = 0;
        List<String> missedByWords = new ArrayList<>();
        List<Path> sample = new ArrayList<>();
        for (int i = 0; i < files.size(); i += 5) {
            sample.add(files.get(i));
        }
        for (Path f : sample) {
            ParsedMessage p = parser.parse(Files.readAllBytes(f));
            StoredMessage m = stored(p, true);
            ReplyGate.Verdict v = ReplyGate.decide(m, SHOP, Intents.score(m.subject(), m.newText(), false));
            if (v.drafts()) {
                drafted++;
            } else {
                assertThat(v.reason()).isNotBlank();
            }
            // Were the list headers lost (a forwarding service strips them), the words alone should still tell.
            StoredMessage bare = stored(p, false);
            if (!ReplyGate.decide(bare, SHOP, Intents.score(bare.subject(), bare.newText(), false)).drafts()) {
                byWordsAlone++;
            } else if (missedByWords.size() < 5) {
                missedByWords.add(f.getFileName() + " " + bare.subject());
            }
        }
        System.out.printf("usrp-users: %d messages, %d drafted; without list headers %d (%.1f%%) still recognised%n",
                sample.size(), drafted, byWordsAlone, 100.0 * byWordsAlone / sample.size());

        assertThat(sample).hasSizeGreaterThan(2_000);
        assertThat(drafted).isZero();
        assertThat((double) byWordsAlone / sample.size()).as("examples missed: " + missedByWords).isGreaterThan(0.95);
    }

    @Test
    void labelledCorpusMessagesGetTheirIntents() throws Exception {
        MessageParser parser = new MessageParser();
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/drafting/usrp-users-intents.txt"));
        int checked = 0;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|");
            Path file = files.stream().filter(p -> p.getFileName().toString().startsWith(f[0].strip() + "."))
                    .findFirst().orElseThrow();
            StoredMessage m = stored(parser.parse(Files.readAllBytes(file)), true);
            List<IntentScore> scores = Intents.score(m.subject(), m.newText(), false);
            for (String expected : f[1].split(",")) {
                assertThat(scores).as(file + ": " + m.newText()).extracting(s -> s.kind().name())
                        .contains(expected.strip());
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(13);
    }
}
