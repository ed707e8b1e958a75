package app.rapport.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.rapport.DataDirectory;

class RawMessageStoreTest {

    @TempDir
    Path data;

    @Test
    void aBatchKeepsEveryMessageUnderItsHashOnceSynced() throws Exception {
        RawMessageStore store = new RawMessageStore(new DataDirectory(data.toString()));
        byte[] first = "Subject: one\r\n\r\nfirst body\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "Subject: two\r\n\r\nsecond body\r\n".getBytes(StandardCharsets.US_ASCII);
        RawMessageStore.Batch batch = store.batch();
        batch.add(Hashes.sha256(first), first);
        batch.add(Hashes.sha256(second), second);
        batch.sync();

        assertThat(store.read(Hashes.sha256(first))).isEqualTo(first);
        assertThat(store.read(Hashes.sha256(second))).isEqualTo(second);
        try (var files = Files.walk(data)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tmp")).toList()).isEmpty();
        }
    }

    @Test
    void aFileCutShortByACrashIsWrittenAgainWhenTheSameBytesArrive() throws Exception {
        RawMessageStore store = new RawMessageStore(new DataDirectory(data.toString()));
        byte[] message = "Subject: cut\r\n\r\nthe whole body\r\n".getBytes(StandardCharsets.US_ASCII);
        String sha = Hashes.sha256(message);
        Path file = store.pathOf(sha);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);

        store.putAll(List.of(message));

        assertThat(store.read(sha)).isEqualTo(message);
    }

    @Test
    void storingTheSameBytesTwiceKeepsOneFile() throws Exception {
        RawMessageStore store = new RawMessageStore(new DataDirectory(data.toString()));
        byte[] message = "Subject: twice\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        String sha = store.put(message);
        store.put(message);

        try (var files = Files.walk(data)) {
            assertThat(files.filter(Files::isRegularFile).toList()).containsExactly(store.pathOf(sha));
        }
    }

    @Test
    void aMessageStoredInTheEarlierLayoutIsReadAndNotWrittenAgain() throws Exception {
        RawMessageStore store = new RawMessageStore(new DataDirectory(data.toString()));
        byte[] message = "Subject: kept\r\n\r\nfrom an earlier version\r\n".getBytes(StandardCharsets.US_ASCII);
        String sha = Hashes.sha256(message);
        Path earlier = data.resolve("raw").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4))
                .resolve(sha + ".eml");
        assertThat(store.earlierPathOf(sha)).isEqualTo(earlier);
        Files.createDirectories(earlier.getParent());
        Files.write(earlier, message);

        assertThat(store.read(sha)).isEqualTo(message);
        store.putAll(List.of(message));
        store.put(message);

        assertThat(store.pathOf(sha)).doesNotExist();
        assertThat(store.read(sha)).isEqualTo(message);
    }

    @Test
    void messagesStoredInBulkShareAPackThatIsReadAgainAfterARestart() throws Exception {
        RawMessageStore store = new RawMessageStore(new DataDirectory(data.toString()));
        List<byte[]> messages = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            messages.add(("Subject: packed " + i + "\r\n\r\nbody " + "x".repeat(i * 37) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        RawMessageStore.Batch batch = store.batch();
        messages.forEach(m -> batch.add(Hashes.sha256(m), m));
        String first = Hashes.sha256(messages.getFirst());
        assertThat(store.isStored(first)).as("not readable before the batch is synced").isFalse();
        batch.sync();

        try (var files = Files.walk(data.resolve("raw"))) {
            assertThat(files.filter(Files::isRegularFile).toList()).singleElement()
                    .satisfies(p -> assertThat(p.getParent().getFileName().toString()).isEqualTo("packs"));
        }
        RawMessageStore restarted = new RawMessageStore(new DataDirectory(data.toString()));
        for (byte[] m : messages) {
            assertThat(restarted.read(Hashes.sha256(m))).isEqualTo(m);
        }
    }

    @Test
    void aPackCutShortByACrashCountsUpToItsLastWholeMessageAndTheRestIsStoredAgain() throws Exception {
        RawMessageStore store = new RawMessageStore(new DataDirectory(data.toString()));
        byte[] kept = "Subject: kept\r\n\r\nwritten whole\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] cut = "Subject: cut\r\n\r\nonly half of this reached the disk\r\n".getBytes(StandardCharsets.US_ASCII);
        store.putAll(List.of(kept, cut));
        Path pack;
        try (var files = Files.list(data.resolve("raw").resolve("packs"))) {
            pack = files.findFirst().orElseThrow();
        }
        try (var ch = java.nio.channels.FileChannel.open(pack, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - cut.length / 2);
        }

        RawMessageStore restarted = new RawMessageStore(new DataDirectory(data.toString()));
        assertThat(restarted.read(Hashes.sha256(kept))).isEqualTo(kept);
        assertThat(restarted.isStored(Hashes.sha256(cut))).isFalse();
        restarted.putAll(List.of(cut));
        assertThat(restarted.read(Hashes.sha256(cut))).isEqualTo(cut);
        assertThat(new RawMessageStore(new DataDirectory(data.toString())).read(Hashes.sha256(cut))).isEqualTo(cut);
    }

    @Test
    void aMessageSetAsideAsUnreadableGetsAFileNamedByItsHash() throws Exception {
        RawMessageStore store = new RawMessageStore(new DataDirectory(data.toString()));
        byte[] unreadable = "\u0000\u0001 not mail at all".getBytes(StandardCharsets.ISO_8859_1);
        String sha = Hashes.sha256(unreadable);
        RawMessageStore.Batch batch = store.batch();
        batch.add(new MessageIngest.Prepared(unreadable, sha, null, "not a message",
                MessageIngest.Origin.file("odd.eml")));
        batch.sync();

        assertThat(store.pathOf(sha)).exists().hasBinaryContent(unreadable);
    }
}
