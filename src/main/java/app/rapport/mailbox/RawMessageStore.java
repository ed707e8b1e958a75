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
     * Stores many messages. Each is written, forced to disk and renamed into place as {@link #put} does, but many
     * at once: the file system then commits their syncs together, which is what makes an import fast.
     */
    public void putAll(java.util.List<byte[]> messages) {
        java.util.List<java.util.concurrent.Future<String>> pending = new java.util.ArrayList<>(messages.size());
        for (byte[] bytes : messages) {
            pending.add(writers().submit(() -> put(bytes)));
        }
        try {
            for (var f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing raw messages", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private volatile java.util.concurrent.ExecutorService writers;

    private java.util.concurrent.ExecutorService writers() {
        if (writers == null) {
            synchronized (this) {
                if (writers == null) {
                    // Threads that mostly wait for the disk: many of them let the syncs be grouped.
                    writers = java.util.concurrent.Executors.newFixedThreadPool(32, r -> {
                        Thread t = new Thread(r, "raw-store");
                        t.setDaemon(true);
                        return t;
                    });
                }
            }
        }
        return writers;
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
