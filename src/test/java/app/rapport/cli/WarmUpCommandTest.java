package app.rapport.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.mailbox.Messages;
import app.rapport.recall.Search;
import app.rapport.support.LoopTest;
import app.rapport.threading.Conversations;

import static org.assertj.core.api.Assertions.assertThat;

class WarmUpCommandTest extends LoopTest {

    @Autowired
    WarmUpCommand warmUp;

    @Autowired
    Messages messages;

    @Autowired
    Conversations conversations;

    @Autowired
    Search search;

    private static String mail(String id, String refs, String from, String subject, String body) {
        return "From: " + from + "\r\nTo: " + SHOP + "\r\nSubject: " + subject
                + "\r\nDate: Tue, 3 Mar 2026 10:00:00 +0000\r\nMessage-ID: <" + id + ">\r\n"
                + (refs == null ? "" : "In-Reply-To: <" + refs + ">\r\nReferences: <" + refs + ">\r\n")
                + "\r\n" + body + "\r\n";
    }

    @Test
    void importsTheFirstHalfAndSyncsTheSecondHalfFromTheBuiltInServer() throws Exception {
        Path maildir = Files.createTempDirectory("warm-up-test");
        Path cur = Files.createDirectories(maildir.resolve("cur"));
        String[] topics = {"quillwort", "marjoram", "sorrelwood"};
        for (int i = 0; i < topics.length; i++) {
            String customer = "Wren " + topics[i] + " <wren." + topics[i] + "@warm-up-test.example>";
            Files.writeString(cur.resolve("1-" + i + ":2,S"), mail("q-" + topics[i] + "@warm-up-test.example", null,
                    customer, "About " + topics[i], "Do you still make the " + topics[i] + " boots?"));
            Files.writeString(cur.resolve("2-" + i + ":2,S"), mail("r-" + topics[i] + "@warm-up-test.example",
                    "q-" + topics[i] + "@warm-up-test.example", SHOP, "Re: About " + topics[i],
                    "We do, the " + topics[i] + " pair is back in stock."));
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = warmUp.run(List.of("--maildir", maildir.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("imported 3 messages").contains("synced 3 messages over loopback IMAP");
        for (String topic : topics) {
            long question = messages.idsByMessageIds(List.of("q-" + topic + "@warm-up-test.example")).getFirst();
            long reply = messages.idsByMessageIds(List.of("r-" + topic + "@warm-up-test.example")).getFirst();
            // The reply came by IMAP, its question from a file: one conversation all the same.
            assertThat(conversations.conversationOf(reply)).isEqualTo(conversations.conversationOf(question))
                    .isPresent();
            assertThat(search.find(topic + " AND stock", 5).hits()).hasSize(1);
        }
    }
}
