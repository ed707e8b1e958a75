package app.rapport.mailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.springframework.stereotype.Component;

import app.rapport.DataDirectory;

/**
 * Raw messages on disk, named by the SHA-256 of their bytes ({@code raw/ab/cd/abcd….eml}). A file is written to a
 * temporary name, forced to disk and renamed, so a crash never leaves a half-written message under its real name.
 */
@Component
public class RawMessageStore {

    private final Path root;

    public RawMessageStore(DataDirectory data) {
        this.root = data.resolve("raw");
    }

    /** Stores the bytes (once; storing the same bytes again is a no-op) and returns their SHA-256. */
    public String put(byte[] raw) {
        String sha = Hashes.sha256(raw);
        Path target = pathOf(sha);
        if (Files.exists(target)) {
            return sha;
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), sha.substring(0, 8), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(raw);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store raw message " + sha + " under " + root, e);
        }
        return sha;
    }

    /**
     * Stores many messages: each file is written and renamed into place, then all are forced to disk together,
     * so a batch costs one round of syncs instead of one sync between every two writes.
     */
    public void putAll(java.util.List<byte[]> messages) {
        java.util.List<Path> written = new java.util.ArrayList<>();
        try {
            for (byte[] bytes : messages) {
                Path target = pathOf(Hashes.sha256(bytes));
                if (Files.exists(target)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString().substring(0, 8), ".tmp");
                Files.write(tmp, bytes);
                written.add(tmp);
                written.add(target);
            }
            for (int i = 0; i < written.size(); i += 2) {
                try (FileChannel ch = FileChannel.open(written.get(i), StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(written.get(i), written.get(i + 1), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store raw messages under " + root, e);
        }
    }

    public byte[] read(String sha) {
        try {
            return Files.readAllBytes(pathOf(sha));
        } catch (IOException e) {
            throw new UncheckedIOException("raw message " + sha + " is missing from " + root, e);
        }
    }

    Path pathOf(String sha) {
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha);
        }
        return root.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha + ".eml");
    }
}
