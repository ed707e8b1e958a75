package app.rapport.customers;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import app.rapport.customers.facts.SignOffs;
import app.rapport.mailbox.Direction;
import app.rapport.mailbox.MailAccounts;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;
import app.rapport.threading.MessageThreaded;

/**
 * Ties each threaded message to its customer: the sender of an inbound message, the recipient of an outbound
 * one. Automatic mail and the shop's own addresses never become customers.
 */
@Service
class CustomerAttribution {

    private final Customers customers;
    private final Facts facts;
    private final FactFinder finder;
    private final Messages messages;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MailAccounts accounts;
    private final Object lock = new Object();

    CustomerAttribution(Customers customers, Facts facts, FactFinder finder, Messages messages, ApplicationEventPublisher events,
                        TransactionTemplate tx, Clock clock, MailAccounts accounts) {
        this.customers = customers;
        this.facts = facts;
        this.finder = finder;
        this.messages = messages;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.accounts = accounts;
    }

    @Async
    @TransactionalEventListener
    void on(MessageThreaded threaded) {
        // Serialised, commit included, so two messages from a new address create one customer.
        synchronized (lock) {
            tx.executeWithoutResult(status -> attribute(threaded));
        }
    }

    void attribute(MessageThreaded threaded) {
        StoredMessage m = messages.expect(threaded.messageId());
        Long customerId = null;
        Set<String> ownAddresses = accounts.addresses();
        String address = threaded.direction() == Direction.INBOUND ? m.fromAddress()
                : m.toAddresses().stream().filter(a -> !ownAddresses.contains(a)).findFirst().orElse(null);
        boolean person = threaded.direction() == Direction.OUTBOUND || m.automated() == null;
        if (address != null && person && !ownAddresses.contains(address) && !customers.linked(m.id())) {
            String name = threaded.direction() == Direction.INBOUND ? m.fromName() : null;
            Instant now = Instant.now(clock);
            Customer c = customers.findByAddress(address).orElseGet(() -> customers.insert(address, name, now));
            customers.learnName(c, name);
            customers.link(m.id(), c.id());
            customerId = c.id();
            if (threaded.direction() == Direction.INBOUND) {
                learn(m, c);
            }
        }
        events.publishEvent(new MessageAttributed(m.id(), threaded.conversationId(), customerId, threaded.direction()));
    }

    /** Only the customer's own words are read (new text and signature): quoted mail may be somebody else's. */
    void learn(StoredMessage m, Customer c) {
        for (FoundFact f : finder.find(m.newText())) {
            facts.suggest(c.id(), m.id(), m.sentAt(), f);
        }
        for (FoundFact f : finder.findInSignature(m.text())) {
            facts.suggest(c.id(), m.id(), m.sentAt(), f);
        }
        customers.learnSignedName(c.id(), SignOffs.firstName(m.newText()));
    }
}
