package app.rapport.mailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
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
        try {
            RawMessageStore.Streamed streamed = raw.putStreamed(
                    out -> fetcher.stream(entry.uid(), entry.size(), (int) settings.streamChunk().toBytes(), out));
            if (streamed == null) {
                return Optional.empty();
            }
            return ingest.storeOversized(streamed.sha256(), streamed.size(), header, origin);
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not store a large message (" + entry.size() + " bytes)", e);
        }
    }
}
