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
}
