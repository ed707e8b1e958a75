package app.rapport.mailbox;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.stereotype.Component;

import app.rapport.DataDirectory;

/**
 * Raw messages on disk, found by the SHA-256 of their bytes. A message stored on its own is a file named by it
 * ({@code raw/ab/abcd….eml}; data directories written before this layout have {@code raw/ab/cd/abcd….eml}, which
 * is still read). Messages stored in bulk go into pack files instead ({@code raw/packs/…pack}: a line with the
 * SHA-256 and the length before each message, then its bytes unchanged). A file is written to a temporary name
 * and renamed, so a name never shows a half-written message while the process runs; a message counts as stored
 * only once it is forced to disk: {@link #put} forces each file, a {@link Batch} forces all it wrote at once at
 * {@link Batch#sync()}. A file cut short by a crash before its sync is written again the next time the same bytes
 * are stored, because a name whose file has the wrong size does not count as stored; a pack cut short counts up to
 * its last whole message.
 */
@Component
public class RawMessageStore {

    private final Path root;

    public RawMessageStore(DataDirectory data) {
        this.root = data.resolve("raw");
    }

    /** Stores the bytes (once; storing the same bytes again is a no-op), forced to disk, and returns their SHA-256. */
    public String put(byte[] raw) {
        return put(Hashes.sha256(raw), raw);
    }

    /** As {@link #put(byte[])}, for a caller that has the bytes' SHA-256 already. */
    String put(String sha, byte[] raw) {
        Path written = write(sha, raw);
        if (written != null) {
            force(written);
            forceDirectory(written.getParent());
        }
        return sha;
    }

    /** Stores many messages with one durability point for all of them (see {@link Batch}), in one pack. */
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
     * Messages written without waiting for the disk, then made durable together by {@link #sync()}, which is what
     * makes an import fast. The messages go one after the other into one pack file of the batch
     * ({@code raw/packs/…pack}), because creating a file per message costs the file system more than writing it, and
     * one file is forced to disk at once. Nothing written here may be recorded as stored before {@code sync} returns, and
     * only then can it be read. {@link #add} may be called from several threads.
     */
    public final class Batch {

        private final List<Path> written = new ArrayList<>();
        private final Map<String, Location> packed = new HashMap<>();
        private FileChannel pack;
        private Path packPath;
        private int packNumber;

        private Batch() {
        }

        /**
         * Writes the bytes under {@code sha} (their SHA-256, which the caller has computed) into the batch's pack,
         * unless they are stored already.
         */
        public void add(String sha, byte[] bytes) {
            synchronized (written) {
                try {
                    if (packed.containsKey(sha) || isWhole(sha, bytes.length)) {
                        return;
                    }
                    if (pack == null) {
                        packPath = newPack();
                        pack = FileChannel.open(packPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                        packNumber = packs.register(packPath);
                        writeFully(pack, ByteBuffer.wrap(PACK_MAGIC));
                        written.add(packPath);
                    }
                    long offset = pack.position() + RECORD_HEADER;
                    writeFully(pack, ByteBuffer.wrap(recordHeader(sha, bytes.length)));
                    writeFully(pack, ByteBuffer.wrap(bytes));
                    packed.put(sha, new Location(packNumber, offset, bytes.length));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot store raw message " + sha + " under " + root, e);
                }
            }
        }

        /**
         * Writes a prepared message: one set aside as unreadable as a file of its own, so the owner can find it by
         * its name; any other into the pack. A message too large to hold (no bytes) was stored already.
         */
        public void add(MessageIngest.Prepared p) {
            if (p.bytes() == null) {
                return;
            }
            if (p.quarantineReason() != null) {
                addFile(p.sha256(), p.bytes());
            } else {
                add(p.sha256(), p.bytes());
            }
        }

        /**
         * Writes the bytes as a file of their own named by {@code sha}, for a message the owner may need to find
         * by hand (one set aside as unreadable).
         */
        public void addFile(String sha, byte[] bytes) {
            Path p = write(sha, bytes);
            if (p != null) {
                synchronized (written) {
                    written.add(p);
                }
            }
        }

        /**
         * Forces every file this batch wrote, and the directories naming them, onto disk; returns at once when it
         * wrote none. What it packed can be read from then on.
         */
        public void sync() {
            List<Path> files;
            Map<String, Location> done;
            synchronized (written) {
                files = List.copyOf(written);
                done = Map.copyOf(packed);
                written.clear();
                packed.clear();
                closePack();
            }
            if (files.isEmpty()) {
                return;
            }
            forceAll(files);
            files.stream().map(Path::getParent).distinct().forEach(RawMessageStore::forceDirectory);
            packs.publish(done);
        }

        private void closePack() {
            if (pack != null) {
                try {
                    pack.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close " + packPath, e);
                } finally {
                    pack = null;
                }
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            ch.write(buffer);
        }
    }

    private Path newPack() throws IOException {
        Path dir = root.resolve(PACKS);
        Files.createDirectories(dir);
        return dir.resolve(String.format("%016x-%08x.pack", System.currentTimeMillis(),
                java.util.concurrent.ThreadLocalRandom.current().nextInt()));
    }

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
            if (!isWhole(sha, copied)) {
                directoryFor(sha);
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
            if (isWhole(sha, raw.length)) {
                return null;
            }
            Path tmp = Files.createTempFile(directoryFor(sha), sha.substring(0, 8), ".tmp");
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

    /**
     * A new name is only durable once its directory is: a crash could otherwise keep a forced file but lose its
     * name. Where a directory cannot be opened for that (not on Linux), the file system keeps names as it does.
     */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // nothing more can be done from Java; the files themselves are forced
        }
    }

    /** Forces the files; several at once, which the file system groups (a batch with set-aside mail has several). */
    private void forceAll(List<Path> files) {
        if (files.size() == 1) {
            force(files.getFirst());
            return;
        }
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

    /** Whether a message of this size is stored under {@code sha}: as a file (either layout) or in a pack. */
    private boolean isWhole(String sha, long size) throws IOException {
        Path target = pathOf(sha);
        if (Files.isRegularFile(target) && Files.size(target) == size) {
            return true;
        }
        Path earlier = earlierPathOf(sha);
        if (Files.isRegularFile(earlier) && Files.size(earlier) == size) {
            return true;
        }
        Location packed = packs.find(sha);
        return packed != null && packed.length() == size;
    }

    static final String PACKS = "packs";
    private static final byte[] PACK_MAGIC = "rapport raw messages 1\n".getBytes(StandardCharsets.US_ASCII);
    /** Each message in a pack follows a line of its SHA-256 and its length: 64 + 1 + 12 + 1 bytes. */
    private static final int RECORD_HEADER = 78;

    private static byte[] recordHeader(String sha, long length) {
        byte[] line = new byte[RECORD_HEADER];
        for (int i = 0; i < 64; i++) {
            line[i] = (byte) sha.charAt(i);
        }
        line[64] = ' ';
        long rest = length;
        for (int i = RECORD_HEADER - 2; i > 64; i--) {
            line[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        line[RECORD_HEADER - 1] = '\n';
        return line;
    }

    /** Where a message is inside a pack: the pack's number, the offset of its first byte, its length. */
    private record Location(int pack, long offset, int length) {
    }

    private final Packs packs = new Packs();

    /**
     * In the server, the packs are read once it has started, on a thread of their own, so that the first page
     * showing a message does not wait for it (a command reads them when it first needs them).
     */
    @org.springframework.context.event.EventListener
    void started(org.springframework.boot.context.event.ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof org.springframework.web.context.WebApplicationContext) {
            Thread.ofPlatform().daemon().name("raw-packs").start(() -> {
                try {
                    packs.find("");
                } catch (RuntimeException e) {
                    // read again, with the error reported, when a message is first looked up
                }
            });
        }
    }

    /**
     * The packs under {@code raw/packs} and what each holds, read from their record lines the first time a message
     * is looked up (a pack cut short by a crash counts up to its last whole message). A message a batch packs is
     * added once the batch is synced.
     */
    private final class Packs {

        private final List<Path> files = new ArrayList<>();
        private final Map<String, Location> where = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean scanned;

        synchronized int register(Path pack) {
            scan();
            files.add(pack);
            return files.size() - 1;
        }

        synchronized Path file(int number) {
            return files.get(number);
        }

        void publish(Map<String, Location> found) {
            found.forEach(where::putIfAbsent);
        }

        Location find(String sha) {
            if (!scanned) {
                synchronized (this) {
                    scan();
                }
            }
            return where.get(sha);
        }

        private void scan() {
            if (scanned) {
                return;
            }
            Path dir = root.resolve(PACKS);
            if (Files.isDirectory(dir)) {
                try (var listing = Files.list(dir)) {
                    for (Path pack : listing.filter(f -> f.getFileName().toString().endsWith(".pack")).sorted().toList()) {
                        files.add(pack);
                        read(pack, files.size() - 1);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the packs of raw messages in " + dir, e);
                }
            }
            scanned = true;
        }

        private void read(Path pack, int number) throws IOException {
            try (FileChannel ch = FileChannel.open(pack, StandardOpenOption.READ)) {
                long size = ch.size();
                long at = PACK_MAGIC.length;
                ByteBuffer line = ByteBuffer.allocate(RECORD_HEADER);
                while (at + RECORD_HEADER <= size) {
                    line.clear();
                    while (line.hasRemaining() && ch.read(line, at + line.position()) > 0) {
                        // reads the whole record line
                    }
                    String text = new String(line.array(), StandardCharsets.US_ASCII);
                    String sha = text.substring(0, 64);
                    if (line.hasRemaining() || text.charAt(64) != ' ' || text.charAt(RECORD_HEADER - 1) != '\n'
                            || !isSha256(sha)) {
                        break;
                    }
                    long length;
                    try {
                        length = Long.parseLong(text, 65, RECORD_HEADER - 1, 10);
                    } catch (NumberFormatException e) {
                        break;
                    }
                    if (length > Integer.MAX_VALUE || at + RECORD_HEADER + length > size) {
                        break;
                    }
                    where.putIfAbsent(sha, new Location(number, at + RECORD_HEADER, (int) length));
                    at += RECORD_HEADER + length;
                }
            }
        }
    }

    /**
     * The directory of {@code sha}'s file, created the first time it is needed. There are 256 of them, so an
     * import creates a directory a few hundred times, not once per message (new directories are costly to the
     * file system).
     */
    private Path directoryFor(String sha) throws IOException {
        int slot = Integer.parseInt(sha, 0, 2, 16);
        Path dir = root.resolve(sha.substring(0, 2));
        if (created.get(slot) == 0 || !Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            created.set(slot, 1);
        }
        return dir;
    }

    private final java.util.concurrent.atomic.AtomicIntegerArray created =
            new java.util.concurrent.atomic.AtomicIntegerArray(256);

    /** Whether a whole copy of the message is stored (a synced pack entry, or a file of any size). */
    boolean isStored(String sha) {
        return packs.find(sha) != null || Files.exists(fileOf(sha));
    }

    public byte[] read(String sha) {
        try {
            // A packed copy was synced before it could be found, so it is whole; a file may be one cut short.
            Location packed = packs.find(sha);
            if (packed == null) {
                return Files.readAllBytes(fileOf(sha));
            }
            byte[] bytes = new byte[packed.length()];
            try (FileChannel ch = FileChannel.open(packs.file(packed.pack()), StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    if (ch.read(buffer, packed.offset() + buffer.position()) < 0) {
                        throw new java.io.EOFException("the pack ends before the message does");
                    }
                }
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("raw message " + sha + " is missing from " + root, e);
        }
    }

    /** The message's own file: in this layout, else in the earlier one when it is there. */
    private Path fileOf(String sha) {
        Path file = pathOf(sha);
        return !Files.exists(file) && Files.exists(earlierPathOf(sha)) ? earlierPathOf(sha) : file;
    }

    Path pathOf(String sha) {
        if (!isSha256(sha)) {
            throw new IllegalArgumentException("not a SHA-256: " + sha);
        }
        return root.resolve(sha.substring(0, 2)).resolve(sha + ".eml");
    }

    /** Where the layout of earlier versions put the file: one more directory level. */
    Path earlierPathOf(String sha) {
        return pathOf(sha).resolveSibling(sha.substring(2, 4)).resolve(sha + ".eml");
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
