package app.rapport.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * What the parser reads out of one raw message.
 *
 * @param messageId  Message-ID without angle brackets; synthetic ({@code sha256.…@rapport.invalid}) when absent
 * @param references References then In-Reply-To, de-duplicated, oldest first
 * @param text       the readable body: the text/plain part, else the HTML part as text
 * @param html       the HTML part as sent, or null
 * @param automated  why this is automatic or bulk mail, or null for mail a person wrote
 */
public record ParsedMessage(String messageId, List<String> references, String fromAddress, String fromName,
                            List<String> toAddresses, String subject, Instant date, String text, String html,
                            String automated) {
}
