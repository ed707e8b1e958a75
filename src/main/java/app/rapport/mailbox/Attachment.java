package app.rapport.mailbox;

/**
 * A file attached to a message.
 *
 * @param index       its position among the message's attachments, used to fetch it
 * @param fileName    the name the sender gave it, cleaned of paths and control characters
 * @param contentType what the sender said it is; never trusted for display
 */
public record Attachment(int index, String fileName, String contentType, long sizeBytes) {
}
