package app.rapport.threading;

import java.util.List;

/** A message joined conversations that had looked separate: they are now {@code into}. */
public record ConversationsMerged(long into, List<Long> merged) {
}
