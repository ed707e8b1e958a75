package app.rapport.mailbox;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.mail.MessagingException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Messages over {@code rapport.mail.sync.max-message-size}: the whole message is streamed piece by piece into the
 * raw store (never held in memory), and the stored record is made from its headers alone, with its size.
 */
@Component
class LargeMessages {

    private final RawMessageStore raw;
    private final MessageIngest ingest;
    private final SyncSettings settings;

    LargeMessages(RawMessageStore raw, MessageIngest ingest, SyncSettings settings) {
        this.raw = raw;
        this.ingest = ingest;
        this.settings = settings;
    }

    Optional<Long> store(UidFetcher fetcher, UidFetcher.Entry entry, MessageIngest.Origin origin)
            throws MessagingException {
        byte[] header = fetcher.header(entry.uid());
        if (header == null) {
            return Optional.empty();
        }
        Path tmp = null;
        try {
            Path dir = raw.pathOf("0".repeat(64)).getParent().getParent().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "large", ".tmp");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long copied;
            try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)), sha)) {
                copied = fetcher.stream(entry.uid(), entry.size(), (int) settings.streamChunk().toBytes(), out);
            }
            if (copied < 0) {
                return Optional.empty();
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            Path target = raw.pathOf(hex);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return ingest.storeOversized(hex, copied, header, origin);
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not store a large message (" + entry.size() + " bytes)", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless; the next start may remove it
                }
            }
        }
    }
}
