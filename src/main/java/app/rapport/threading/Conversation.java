package app.rapport.threading;

import java.time.Instant;

/** A conversation: its subject (from its first message), when it started, and its latest activity. */
public record Conversation(long id, String subject, Instant startedAt, Instant lastMessageAt, int messageCount) {
}
