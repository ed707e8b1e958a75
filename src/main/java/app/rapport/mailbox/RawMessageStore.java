package app.rapport.mailbox;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.stereotype.Component;

import app.rapport.DataDirectory;

/**
 * Raw messages on disk, named by the SHA-256 of their bytes ({@code raw/ab/cd/abcd….eml}). A file is written to a
 * temporary name and renamed, so a name never shows a half-written message while the process runs; a message
 * counts as stored only once it is forced to disk: {@link #put} forces each file, a {@link Batch} forces all its
 * files at once at {@link Batch#sync()}. A file cut short by a crash before its sync is written again the next
 * time the same bytes are stored, because a name whose file has the wrong size does not count as stored.
 */
@Component
public class RawMessageStore {

    private final Path root;
    private final FileSystemSync fileSystem;

    public RawMessageStore(DataDirectory data) {
        this.root = data.resolve("raw");
        this.fileSystem = new FileSystemSync();
    }

    /** Stores the bytes (once; storing the same bytes again is a no-op), forced to disk, and returns their SHA-256. */
    public String put(byte[] raw) {
        String sha = Hashes.sha256(raw);
        Path written = write(sha, raw);
        if (written != null) {
            force(written);
        }
        return sha;
    }

    /** Stores many messages with one durability point for all of them (see {@link Batch}). */
    public void putAll(List<byte[]> messages) {
        Batch batch = batch();
        for (byte[] bytes : messages) {
            batch.add(Hashes.sha256(bytes), bytes);
        }
        batch.sync();
    }

    /** A group of messages written now and forced to disk together at {@link Batch#sync()}. */
    public Batch batch() {
        return new Batch();
    }

    /**
     * Messages written without waiting for the disk, then made durable together by {@link #sync()}: one flush of the
     * file system instead of one per file, which is what makes an import fast. Nothing written here may be
     * recorded as stored before {@code sync} returns. {@link #add} may be called from several threads.
     */
    public final class Batch {

        private final List<Path> written = new ArrayList<>();
        private long lastWrite;

        private Batch() {
        }

        /** Writes the bytes under {@code sha} (their SHA-256, which the caller has computed) unless they are there. */
        public void add(String sha, byte[] bytes) {
            Path p = write(sha, bytes);
            if (p != null) {
                long stamp = writes.incrementAndGet();
                synchronized (written) {
                    written.add(p);
                    lastWrite = Math.max(lastWrite, stamp);
                }
            }
        }

        /**
         * Forces every file this batch wrote onto disk; returns at once when it wrote none, or when a flush that
         * began after its last write has finished (batches synced together share one flush).
         */
        public void sync() {
            List<Path> files;
            long needed;
            synchronized (written) {
                files = List.copyOf(written);
                needed = lastWrite;
                written.clear();
            }
            if (files.isEmpty()) {
                return;
            }
            synchronized (flushing) {
                if (durableUpTo >= needed) {
                    return;
                }
                long stamp = writes.get();
                if (fileSystem.sync(root)) {
                    durableUpTo = stamp;
                    return;
                }
            }
            forceAll(files);
        }
    }

    /** Counts files written through batches; a flush of the file system covers every write counted before it. */
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
    private final Object flushing = new Object();
    private long durableUpTo;

    /** Where a streamed message went: its SHA-256 and its size in bytes. */
    public record Streamed(String sha256, long size) {
    }

    /** Writes a message into the stream it is given, piece by piece; returns the bytes written, or -1 for none. */
    @FunctionalInterface
    public interface Copy<E extends Exception> {
        long into(OutputStream out) throws IOException, E;
    }

    /**
     * Stores a message too large to hold in memory: {@code copy} writes it piece by piece while its SHA-256 is
     * computed, then it is forced to disk and renamed to its name (once; a whole file already there is kept).
     *
     * @return where it went, or null when {@code copy} wrote nothing (returned a negative count)
     */
    public <E extends Exception> Streamed putStreamed(Copy<E> copy) throws IOException, E {
        Files.createDirectories(root);
        Path tmp = Files.createTempFile(root, "large", ".tmp");
        try {
            MessageDigest digest = Hashes.sha256Digest();
            long copied;
            try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp),
                    1 << 16), digest)) {
                copied = copy.into(out);
            }
            if (copied < 0) {
                return null;
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            Path target = pathOf(sha);
            if (!(Files.exists(target) && Files.size(target) == copied)) {
                Files.createDirectories(target.getParent());
                force(tmp);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Streamed(sha, copied);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes the file unless a whole one is there; returns the path written, or null when nothing was written. */
    private Path write(String sha, byte[] raw) {
        Path target = pathOf(sha);
        try {
            if (Files.exists(target) && Files.size(target) == raw.length) {
                return null;
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), sha.substring(0, 8), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(raw);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store raw message " + sha + " under " + root, e);
        }
    }

    private static void force(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force raw message " + file.getFileName() + " to disk", e);
        }
    }

    /** Where one flush of the file system is not available: many forces at once, which the file system groups. */
    private void forceAll(List<Path> files) {
        List<Future<?>> pending = new ArrayList<>(files.size());
        for (Path file : files) {
            pending.add(forcers().submit(() -> force(file)));
        }
        try {
            for (Future<?> f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing raw messages", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private volatile ExecutorService forcers;

    private ExecutorService forcers() {
        if (forcers == null) {
            synchronized (this) {
                if (forcers == null) {
                    // Threads that mostly wait for the disk: many of them let the syncs be grouped.
                    forcers = Executors.newFixedThreadPool(32, r -> {
                        Thread t = new Thread(r, "raw-store");
                        t.setDaemon(true);
                        return t;
                    });
                }
            }
        }
        return forcers;
    }

    public byte[] read(String sha) {
        try {
            return Files.readAllBytes(pathOf(sha));
        } catch (IOException e) {
            throw new UncheckedIOException("raw message " + sha + " is missing from " + root, e);
        }
    }

    Path pathOf(String sha) {
        if (!isSha256(sha)) {
            throw new IllegalArgumentException("not a SHA-256: " + sha);
        }
        return root.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha + ".eml");
    }

    private static boolean isSha256(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
