package app.rapport.outbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where replies are sent (the server, whose schedule runs the outbox), settles at start, before anything is sent,
 * the replies that a stop cut off while they were being sent. A command sends nothing and never runs beside the
 * server on the same data directory, so it leaves them for the server's next start and does not build the
 * sending side at all.
 */
@Component
@ConditionalOnProperty(name = "rapport.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class OutboxRecovery {

    private final ReplySender sender;

    OutboxRecovery(ReplySender sender) {
        this.sender = sender;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        sender.recoverInterrupted();
    }
}
