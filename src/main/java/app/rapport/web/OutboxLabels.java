package app.rapport.web;

import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import app.rapport.outbox.OutboxState;
import app.rapport.outbox.OutgoingReply;

/** Words and colours for a reply's state; templates use it as {@code @outboxLabels}. */
@Component("outboxLabels")
public class OutboxLabels {

    public String text(OutboxState state) {
        return label(state);
    }

    public String badge(OutboxState state) {
        return kind(state);
    }

    public String advice(OutgoingReply reply) {
        return whatToDo(reply);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM, HH:mm");

    /** What the owner can do about a reply in this state, in a sentence. */
    static String whatToDo(OutgoingReply reply) {
        return switch (reply.state()) {
            case QUEUED -> "Leaves when its undo window ends. Changed your mind? Undo it on its conversation.";
            case SENDING -> "Being handed to your mail server now. Nothing to do.";
            case RETRYING -> "Your mail server could not take it yet (attempt " + reply.attempts() + "). Rapport tries"
                    + " again" + (reply.sendAfter() == null ? "" : " at "
                    + TIME.withZone(ZoneId.systemDefault()).format(reply.sendAfter()))
                    + " by itself. If this keeps happening, check the SMTP server under Settings.";
            case FAILED -> "Not sent. Check the address and the SMTP settings, then choose Send again.";
            case UNKNOWN -> "Look in your Sent folder or ask the customer. If it arrived, choose Mark as sent;"
                    + " if not, Send again (the customer gets it once, with the same Message-ID).";
            case SENT -> reply.filing() != null && reply.filing().name().equals("FAILED")
                    ? "The reply was sent; only its copy in the Sent folder or the answered mark is missing."
                            + " Check that the IMAP server is reachable; nothing needs to be sent again."
                    : "The reply was sent; filing its copy in the Sent folder is tried again by itself.";
            case CANCELLED -> "Undone; the draft is back on its conversation.";
        };
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
