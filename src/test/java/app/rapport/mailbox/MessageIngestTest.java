package app.rapport.mailbox;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.support.LoopTest;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIngestTest extends LoopTest {

    @Autowired
    MessageIngest ingest;

    @Autowired
    Quarantine quarantine;

    @Autowired
    RawMessageStore raw;

    @Autowired
    Messages messages;

    @Test
    void quarantinesBytesThatAreNotMailKeepsThemRawAndStoresTheNextMessage() {
        byte[] garbage = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, (byte) 0xff, 0x13, 0x37};
        byte[] good = "From: Ingrid <ingrid@quarantine-test.example>\r\nMessage-ID: <after-garbage@quarantine-test.example>\r\nSubject: Hello\r\n\r\nStill here.\r\n"
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(ingest.store(garbage, new MessageIngest.Origin("test", "INBOX", 4711L))).isEmpty();
        assertThat(ingest.store(good, new MessageIngest.Origin("test", "INBOX", 4712L))).isPresent();

        var entry = quarantine.latest(100).stream().filter(e -> e.sha256().equals(Hashes.sha256(garbage))).findFirst();
        assertThat(entry).isPresent();
        assertThat(entry.get().reason()).contains("not an RFC 5322 message");
        assertThat(entry.get().source()).isEqualTo("INBOX");
        assertThat(raw.read(entry.get().sha256())).isEqualTo(garbage);
        assertThat(messages.idsByMessageIds(List.of("after-garbage@quarantine-test.example"))).hasSize(1);
        assertThat(signedIn().get("/inbox").html().text()).contains("could not be read as mail")
                .contains("not an RFC 5322 message");
    }

    @Test
    void storingTheSameUnreadableBytesAgainAddsNothing() {
        byte[] empty = new byte[0];
        ingest.store(empty, new MessageIngest.Origin("test", "INBOX", 1L));
        long before = quarantine.count();

        ingest.store(empty, new MessageIngest.Origin("test", "INBOX", 2L));

        assertThat(quarantine.count()).isEqualTo(before);
        assertThat(quarantine.latest(100)).anySatisfy(e -> assertThat(e.reason()).isEqualTo("the message is empty"));
    }

    @Test
    void storesABatchOnceAndRecognisesItsDuplicatesOnTheSecondRun() {
        byte[] a = "From: Batch <batch@ingest-test.example>\r\nMessage-ID: <batch-a@ingest-test.example>\r\nSubject: A\r\n\r\nOne.\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] b = "From: Batch <batch@ingest-test.example>\r\nMessage-ID: <batch-a@ingest-test.example>\r\nSubject: A\r\n\r\nSame id, other text.\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        var origin = MessageIngest.Origin.file("/tmp/batch");

        var first = ingest.storeBatch(List.of(ingest.prepare(a, origin), ingest.prepare(b, origin), ingest.prepare(a, origin)));
        var second = ingest.storeBatch(List.of(ingest.prepare(a, origin), ingest.prepare(b, origin)));

        assertThat(first.stored()).hasSize(2);
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(second.stored()).isEmpty();
        assertThat(second.duplicates()).isEqualTo(2);
        assertThat(messages.idsByMessageIds(List.of("batch-a@ingest-test.example"))).hasSize(2);
    }
}
