package app.rapport.web;

import org.springframework.stereotype.Component;

import app.rapport.outbox.OutboxState;

/** Words and colours for a reply's state; templates use it as {@code @outboxLabels}. */
@Component("outboxLabels")
public class OutboxLabels {

    public String text(OutboxState state) {
        return label(state);
    }

    public String badge(OutboxState state) {
        return kind(state);
    }

    static String label(OutboxState state) {
        return switch (state) {
            case QUEUED -> "Sending soon";
            case SENDING -> "Sending";
            case SENT -> "Sent";
            case RETRYING -> "Will retry";
            case FAILED -> "Not sent";
            case UNKNOWN -> "Check: may not have been sent";
            case CANCELLED -> "Undone";
        };
    }

    static String kind(OutboxState state) {
        return switch (state) {
            case QUEUED, SENDING, RETRYING -> "sending";
            case SENT -> "sent";
            case FAILED, UNKNOWN -> "problem";
            case CANCELLED -> "quiet";
        };
    }
}
