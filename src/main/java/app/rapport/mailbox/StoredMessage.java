package app.rapport.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * A message as Rapport keeps it.
 *
 * @param messageId  the Message-ID header without angle brackets (synthetic when the message had none)
 * @param references the parent chain from References and In-Reply-To, oldest first
 * @param newText    what the sender wrote in this message, without quoted mail and signature
 * @param automated  why this is automatic or bulk mail (auto-reply, bounce, newsletter…), or null
 */
public record StoredMessage(long id, String messageId, List<String> references, Direction direction,
                            String fromAddress, String fromName, List<String> toAddresses, String subject,
                            Instant sentAt, String text, String newText, boolean hasHtml, String automated,
                            String sha256, long sizeBytes) {

    /** The name to show for the sender: the display name, else the address. */
    public String sender() {
        return fromName != null && !fromName.isBlank() ? fromName : fromAddress;
    }

    /** The direct parent's Message-ID, if any. */
    public String parentId() {
        return references.isEmpty() ? null : references.getLast();
    }
}
