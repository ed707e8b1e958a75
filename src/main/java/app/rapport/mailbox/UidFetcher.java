package app.rapport.mailbox;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * UID FETCH commands on an open, read-only folder, many messages per round trip. Bodies are always fetched with
 * {@code BODY.PEEK[]}, which leaves every flag (\Seen above all) as it was.
 */
final class UidFetcher {

    /** One message of the folder: its UID and its size in bytes. */
    record Entry(long uid, long size) {
    }

    private final IMAPFolder folder;

    UidFetcher(IMAPFolder folder) {
        this.folder = folder;
    }

    /** The messages with a UID in {@code [low, high]}, with their sizes; expunged ones are simply absent. */
    List<Entry> list(long low, long high) throws MessagingException {
        List<Entry> entries = new ArrayList<>();
        run("UID FETCH " + low + ":" + high + " (UID RFC822.SIZE)", r -> {
            UID uid = r.getItem(UID.class);
            RFC822SIZE size = r.getItem(RFC822SIZE.class);
            // "low:high" also matches the newest message when high is above it; the range check drops it.
            if (uid != null && size != null && uid.uid >= low && uid.uid <= high) {
                entries.add(new Entry(uid.uid, size.size));
            }
        });
        return entries;
    }

    /** Raw bytes of the given messages in one command; a message expunged meanwhile is left out. */
    void fetch(List<Long> uids, MessageSink sink) throws MessagingException {
        if (uids.isEmpty()) {
            return;
        }
        java.util.Set<Long> wanted = new java.util.HashSet<>(uids);
        List<byte[]> bodies = new ArrayList<>();
        List<Long> fetched = new ArrayList<>();
        run("UID FETCH " + uidSet(uids) + " (UID BODY.PEEK[])", r -> {
            UID uid = r.getItem(UID.class);
            BODY body = r.getItem(BODY.class);
            if (uid != null && body != null && body.getByteArray() != null && wanted.contains(uid.uid)) {
                fetched.add(uid.uid);
                bodies.add(body.getByteArray().getNewBytes());
            }
        });
        // The whole answer is read before anything is stored: a cut connection leaves nothing half-done.
        for (int i = 0; i < fetched.size(); i++) {
            sink.accept(fetched.get(i), bodies.get(i));
        }
    }

    /** The header section of one message. */
    byte[] header(long uid) throws MessagingException {
        byte[][] header = new byte[1][];
        run("UID FETCH " + uid + " (UID BODY.PEEK[HEADER])", r -> {
            UID u = r.getItem(UID.class);
            BODY body = r.getItem(BODY.class);
            if (u != null && u.uid == uid && body != null && body.getByteArray() != null) {
                header[0] = body.getByteArray().getNewBytes();
            }
        });
        return header[0];
    }

    /**
     * Copies one message to {@code out} in pieces of {@code chunk} bytes, so a message of any size never sits in
     * memory whole.
     *
     * @return the number of bytes copied, or -1 when the message no longer exists
     */
    long stream(long uid, long size, int chunk, OutputStream out) throws MessagingException, IOException {
        long offset = 0;
        while (offset < size) {
            byte[][] piece = new byte[1][];
            long from = offset;
            run("UID FETCH " + uid + " (UID BODY.PEEK[]<" + from + "." + chunk + ">)", r -> {
                UID u = r.getItem(UID.class);
                BODY body = r.getItem(BODY.class);
                if (u != null && u.uid == uid && body != null && body.getByteArray() != null) {
                    piece[0] = body.getByteArray().getNewBytes();
                }
            });
            if (piece[0] == null) {
                return -1;
            }
            if (piece[0].length == 0) {
                break;
            }
            out.write(piece[0]);
            offset += piece[0].length;
        }
        return offset;
    }

    interface MessageSink {
        void accept(long uid, byte[] raw) throws MessagingException;
    }

    private void run(String command, Consumer<FetchResponse> each) throws MessagingException {
        folder.doCommand(p -> {
            Response[] responses = p.command(command, null);
            Response result = responses[responses.length - 1];
            List<Response> others = new ArrayList<>();
            for (Response r : responses) {
                if (r instanceof FetchResponse f) {
                    each.accept(f);
                } else if (r != result) {
                    others.add(r);
                }
            }
            // EXISTS, EXPUNGE and the like keep the folder's own view current.
            p.notifyResponseHandlers(others.toArray(Response[]::new));
            if (result.isNO() && result.toString().toUpperCase().contains("EXPUNGEISSUED")) {
                return null;
            }
            p.handleResult(result);
            return null;
        });
    }

    static String uidSet(List<Long> uids) {
        List<Long> sorted = uids.stream().sorted().toList();
        StringBuilder set = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (!set.isEmpty()) {
                set.append(',');
            }
            set.append(sorted.get(i));
            if (j > i) {
                set.append(':').append(sorted.get(j));
            }
            i = j + 1;
        }
        return set.toString();
    }

}
